"""Build the documentation site into docs/ without Quarto.

nbdev renders its docs with Quarto, which cannot be installed offline. This script keeps
nbdev's own notebook processing (`nbdev_proc_nbs`: API docs from the exported code via
show_doc, directives, doc links) and renders the processed notebooks with nbconvert's
HTML exporter instead of Quarto. `nbdev_docs` still works for anyone with Quarto.

Run: python tools/build_docs.py   (writes docs/*.html; figures are embedded in the pages)
"""
import html, re, sys
from configparser import ConfigParser
from pathlib import Path

import nbformat
import yaml
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

root = Path(__file__).resolve().parent.parent
cfg = ConfigParser(delimiters=['=']); cfg.read(root/'settings.ini'); cfg = cfg['DEFAULT']
host = (cfg['doc_host'].replace('%(user)s', cfg['user']) + cfg['doc_baseurl'].replace('%(repo)s', cfg['repo'])).rstrip('/') + '/'


def frontmatter(nb):
    "Pop nbdev's raw YAML front-matter cell (title, description, output-file)."
    if nb.cells and nb.cells[0].cell_type == 'raw' and nb.cells[0].source.startswith('---'):
        return yaml.safe_load(nb.cells.pop(0).source.strip().strip('-')) or {}
    return {}


def directives(src):
    return {m.group(1): (m.group(2) or '').strip() for m in re.finditer(r'^#\|\s*([\w-]+):?(.*)$', src, re.M)}


SOURCE_LINK = re.compile(r'\[source\]\(([^)]+)\)\{[^}]*\}')
LINK = r'<a href="\1" class="source-link" style="float:right;font-size:smaller">source</a>'
SOURCE_LINKS = cfg.get('source_links', 'true').lower() == 'true'   # off while the repository has no public URL


def folded(source):
    "A collapsed `<details>` block holding a cell's code (Quarto's `code-fold: true`)."
    return f"<details class='code-fold'><summary>Code</summary>\n\n```python\n{source}\n```\n\n</details>"


def prepare(nb):
    "Apply nbdev's cell directives the way Quarto would: hide, echo: false, code-fold: true, strip `#|` lines."
    cells = []
    for c in nb.cells:
        cells.append(c)
        if c.cell_type != 'code': continue
        for o in c.get('outputs', []):   # show_doc's Quarto-only link attributes → plain HTML
            md = o.get('data', {}).get('text/markdown')
            if md: o['data']['text/markdown'] = SOURCE_LINK.sub(LINK if SOURCE_LINKS else '', md)
            if md: o['data']['text/markdown'] = re.sub(r'^def ([A-Z]\w*\()', r'class \1', o['data']['text/markdown'], flags=re.M) # fastcore signs classes `def`
        d = directives(c.source)
        tags = set(c.metadata.get('tags', []))
        if 'hide' in d or d.get('include') == 'false': tags.add('remove_cell')
        if d.get('echo') == 'false': tags.add('remove_input')
        if d.get('output') == 'false': tags.add('remove_output')
        c.source = '\n'.join(l for l in c.source.splitlines() if not l.startswith('#|')
                             and not l.startswith('# NBVAL_')).strip()
        if not c.source and not c.get('outputs'): tags.add('remove_cell')
        if d.get('code-fold') == 'true' and c.source and not tags & {'remove_cell', 'remove_input'}:
            tags.add('remove_input'); cells.append(nbformat.v4.new_markdown_cell(folded(c.source))) # the output first, its code folded below
        c.metadata['tags'] = sorted(tags)
    nb.cells = cells
    return nb


def page_name(src, fm):
    return fm.get('output-file') or re.sub(r'^\d+_', '', src.stem) + '.html'


GROUPS = {'Method': ['observations', 'actions', 'env', 'policy'],
          'Training': ['data', 'models', 'trainer', 'train', 'imitation', 'cluster', 'bench'],
          'Evaluation and results': ['controllers', 'evaluate', 'baselines', 'results', 'experiments'],
          'Use it in your training': ['scheduler', 'lightning'],
          'Reference': ['cli', 'provenance']}

def nav(pages, current):
    "The sidebar: the landing page, then the pages grouped (a page in no group goes under Reference)."
    def li(f, t): return f'<li{" class=current" if f == current else ""}><a href="{f}">{html.escape(t)}</a></li>'
    by = dict(pages); grouped = {f'{n}.html' for ns in GROUPS.values() for n in ns}
    extra = [f for f in by if f not in grouped and f != 'index.html']
    parts = []
    for g, names in GROUPS.items():
        fs = [f'{n}.html' for n in names if f'{n}.html' in by] + (extra if g == 'Reference' else [])
        if fs: parts.append(f'<p class="group">{html.escape(g)}</p><ul>' + ''.join(li(f, by[f]) for f in fs) + '</ul>')
    return f'<nav class="ganno-nav"><a class="brand" href="index.html">GANNO</a>{"".join(parts)}</nav>'


STYLE = """<style>
body { margin: 0; } .ganno-nav { position: fixed; top: 0; left: 0; bottom: 0; width: 230px; overflow-y: auto;
  background: #f6f7f9; border-right: 1px solid #ddd; padding: 12px; font: 14px sans-serif; box-sizing: border-box; }
.ganno-nav .brand { font-weight: bold; font-size: 18px; text-decoration: none; }
.ganno-nav ul { list-style: none; padding: 0; margin: 0 0 8px 0; } .ganno-nav .group { font-weight: bold; color: #555; margin: 12px 0 4px 0; text-transform: uppercase; font-size: 11px; } .ganno-nav li { margin: 6px 0; } .ganno-nav li.current a { font-weight: bold; }
.ganno-page { margin-left: 240px; max-width: 1100px; } .ganno-desc { font-size: 1.1em; color: #444; }
</style>"""


def build(out=root/'docs'):
    # nbdev_proc_nbs without its first step (_ensure_quarto, which would try to download Quarto)
    import nbdev.doclinks
    from nbdev.config import get_config
    from nbdev.quarto import nbdev_sidebar, refresh_quarto_yml
    from nbdev.serve import proc_nbs
    nbs_path = get_config().nbs_path
    refresh_quarto_yml()
    nbdev.doclinks._build_modidx()
    nbdev_sidebar.__wrapped__(path=nbs_path)
    proc_nbs(nbs_path)
    proc = root/'_proc'
    nbs = sorted(proc.glob('*.ipynb'), key=lambda p: (p.stem != 'index', p.stem))
    loaded = []
    for p in nbs:
        nb = nbformat.read(p, as_version=4)
        fm = frontmatter(nb)
        title = fm.get('title') or next((l[2:] for c in nb.cells if c.cell_type == 'markdown' for l in c.source.splitlines() if l.startswith('# ')), p.stem)
        loaded.append((p, nb, fm, page_name(p, fm) if p.stem != 'index' else 'index.html', title))
    pages = [(name, title) for _, _, _, name, title in loaded]
    by_nb = {p.name: name for p, _, _, name, _ in loaded}
    out.mkdir(exist_ok=True)
    for f in out.glob('*.html'): f.unlink()
    ex = HTMLExporter(template_name='lab', exclude_input_prompt=True, exclude_output_prompt=True)
    ex.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={'remove_cell'}, remove_input_tags={'remove_input'},
                                                   remove_all_outputs_tags={'remove_output'}), enabled=True)
    for p, nb, fm, name, title in loaded:
        nb = prepare(nb)
        head = f"# {title}\n\n" + (f"<p class='ganno-desc'>{html.escape(fm['description'])}</p>" if fm.get('description') else '')
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(head))   # nbdev turns the first cell into front matter: the title comes back here
        body, _ = ex.from_notebook_node(nb)
        body = body.replace(host, '')                                    # nbdev's doc links → this site
        n = iter(range(1, 1000))                                         # figures: a real alt text, not nbconvert's placeholder
        body = re.sub(r'alt="No description has been provided for this image"', lambda m: f'alt="{html.escape(title)}: figure {next(n)}"', body)
        body = re.sub(r'(<h[1-6] id=")([^"]+)"', lambda m: m.group(1) + m.group(2).lower() + '"', body)   # Quarto's lowercase anchors
        body = re.sub(r'(href="[\w.-]*#)([^"]+)"', lambda m: m.group(1) + m.group(2).lower() + '"', body)
        for nbname, page in by_nb.items():                               # links between notebooks → pages
            body = re.sub(rf'(href=")(?:nbs/)?{re.escape(nbname)}', rf'\g<1>{page}', body)
        body = body.replace('<title>Notebook</title>', f'<title>{html.escape(title)}{" – GANNO" if title != "GANNO" else ""}</title>')
        body = re.sub(r'<body([^>]*)>', lambda m: f'<body{m.group(1)}>{STYLE}{nav(pages, name)}<div class="ganno-page">', body, count=1)
        body = body.replace('</body>', '</div></body>')
        (out/name).write_text(body, encoding='utf-8')
    (out/'.nojekyll').touch()
    print(f"wrote {len(loaded)} pages to {out}")
    return [name for name, _ in pages]


if __name__ == '__main__':
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else root/'docs')
