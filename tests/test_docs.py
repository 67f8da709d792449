"The docs site as a person sees it: served on localhost, loaded in headless Chromium."
import functools, http.server, re, shutil, subprocess, sys, threading
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT/'docs'
CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
playwright = pytest.importorskip('playwright.sync_api', reason='pip install playwright (CI installs it)')


@pytest.fixture(scope='module')
def site():
    if not (DOCS/'index.html').is_file():
        subprocess.run([sys.executable, str(ROOT/'tools'/'build_docs.py')], check=True, cwd=ROOT)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(DOCS))
    handler.log_message = lambda *a: None
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{srv.server_address[1]}/'
    srv.shutdown()


@pytest.fixture(scope='module')
def browser():
    if CHROMIUM is None: pytest.skip("no chromium on PATH (apt-get install chromium; CI installs it)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=['--no-sandbox', '--disable-gpu'])
        yield b
        b.close()


def drawn(page) -> int:
    "How many figures the page's notebook draws in cells the docs show."
    import json
    nb = next((p for p in (ROOT/'nbs').glob('*.ipynb') if re.sub(r'^\d+_', '', p.stem) == Path(page).stem), None)
    if nb is None: return 0
    cells = [c for c in json.loads(nb.read_text())['cells'] if c['cell_type'] == 'code' and not re.search(r'^#\|\s*hide', ''.join(c['source']), re.M)]
    return sum('image/png' in o.get('data', {}) for c in cells for o in c.get('outputs', []))


def folds(page) -> int:
    "How many cells of the page's notebook fold their code (`#| code-fold: true`)."
    import json
    nb = next((p for p in (ROOT/'nbs').glob('*.ipynb') if re.sub(r'^\d+_', '', p.stem) == Path(page).stem), None)
    return 0 if nb is None else sum(bool(re.search(r'^#\|\s*code-fold:\s*true', ''.join(c['source']), re.M)) for c in json.loads(nb.read_text())['cells'])


def pages():
    return sorted(p.name for p in DOCS.glob('*.html')) or ['index.html']


def test_every_notebook_has_a_page(site):
    names = {re.sub(r'^\d+_', '', p.stem) for p in (ROOT/'nbs').glob('*.ipynb')}
    assert {Path(p).stem for p in pages()} >= names


@pytest.mark.parametrize('page', pages())
def test_page_renders_its_figures_and_links_resolve(site, browser, page):
    tab = browser.new_page()
    errors = []
    tab.on('pageerror', lambda e: errors.append(str(e)))
    r = tab.goto(site + page, wait_until='load')
    assert r.status == 200
    assert tab.title() and 'GANNO' in tab.inner_text('nav.ganno-nav')
    imgs = tab.eval_on_selector_all('img', 'els => els.map(e => [e.naturalWidth, e.getBoundingClientRect().width, e.complete])')
    assert all(w > 0 and rw > 0 and ok for w, rw, ok in imgs), imgs
    assert len(imgs) >= drawn(page), f'{page}: {len(imgs)} figures shown, its notebook draws {drawn(page)}'
    folded = tab.eval_on_selector_all('details.code-fold', 'els => els.map(e => [e.open, e.innerText.length])')
    assert len(folded) == folds(page) and all(not o and n > 0 for o, n in folded), f'{page}: folded code {folded}, its notebook folds {folds(page)}'
    alts = tab.eval_on_selector_all('img', 'els => els.map(e => e.alt)')
    assert all(a and 'No description' not in a for a in alts), alts
    hrefs = tab.eval_on_selector_all('a[href]', 'els => els.map(e => e.getAttribute("href"))')
    for h in hrefs:
        u = urlparse(urljoin(site + page, h))
        if u.netloc != urlparse(site).netloc: continue   # external (GitHub source links)
        target = u.path.lstrip('/') or 'index.html'   # the whole path under the site's root
        assert (DOCS/target).is_file(), f'{page}: broken link {h}'
        if u.fragment and target.endswith('.html'):
            text = (DOCS/target).read_text(encoding='utf-8')
            assert f'id="{u.fragment}"' in text, f'{page}: link {h} points at no anchor'
    tab.close()
    assert not errors, errors


def test_results_page_shows_the_figures(site, browser):
    if not (DOCS/'results.html').is_file(): pytest.fail('docs/results.html missing: nbs/10_results.ipynb renders the paper figures')
    tab = browser.new_page(); tab.goto(site + 'results.html', wait_until='load')
    sizes = tab.eval_on_selector_all('img', 'els => els.map(e => e.naturalWidth*e.naturalHeight)')
    assert len(sizes) >= 4 and all(s > 0 for s in sizes), sizes


def test_landing_page_has_title_install_paper_and_citation(site, browser):
    tab = browser.new_page(); tab.goto(site + 'index.html', wait_until='load')
    assert tab.title() == 'GANNO'
    assert tab.inner_text('h1').strip().startswith('GANNO')
    text = tab.inner_text('.ganno-page')
    assert 'pip install -e ".[dev]"' in text and 'ganno demo' in text
    assert '@misc{tessera2023ganno' in text
    hrefs = tab.eval_on_selector_all('a[href]', 'els => els.map(e => e.getAttribute("href"))')
    assert 'https://arxiv.org/abs/2311.18598' in hrefs
    groups = tab.eval_on_selector_all('nav.ganno-nav p.group', 'els => els.map(e => e.textContent)')
    assert groups == ['Method', 'Training', 'Evaluation and results', 'Use it in your training', 'Reference'], groups
    tab.close()


def test_classes_render_as_classes(site, browser):
    tab = browser.new_page(); tab.goto(site + 'scheduler.html', wait_until='load')
    text = tab.inner_text('.ganno-page')
    assert 'class GannoScheduler(' in text and 'def GannoScheduler(' not in text
    assert 'Call self as a function' not in text
    tab.close()
