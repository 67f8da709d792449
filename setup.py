"Package metadata read from `settings.ini` (nbdev's classic layout, without `pkg_resources`)."
from configparser import ConfigParser
import shlex
import setuptools

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']

for o in 'version description keywords author author_email'.split():
    assert o in cfg, f'missing expected setting: {o}'

statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable',
            '6 - Mature', '7 - Inactive']
licenses = {'apache2': ('Apache Software License 2.0', 'OSI Approved :: Apache Software License')}
py_versions = '3.9 3.10 3.11 3.12 3.13'.split()

requirements = shlex.split(cfg.get('requirements', ''))
lightning_requirements = shlex.split(cfg.get('lightning_requirements', ''))
ray_requirements = shlex.split(cfg.get('ray_requirements', ''))
# the dev/test extra holds every optional extra, so CI tests them all
dev_requirements = shlex.split(cfg.get('dev_requirements', '')) + lightning_requirements + ray_requirements
min_python = cfg['min_python']
lic = licenses[cfg['license']]

setuptools.setup(
    name=cfg['lib_name'],
    version=cfg['version'],
    license=lic[0],
    classifiers=[
        'Development Status :: ' + statuses[int(cfg['status'])],
        'Intended Audience :: ' + cfg['audience'].title(),
        'Natural Language :: ' + cfg['language'].title(),
        'License :: ' + lic[1],
    ] + ['Programming Language :: Python :: ' + v for v in py_versions[py_versions.index(min_python):]],
    url=cfg['git_url'],
    packages=setuptools.find_packages(include=['ganno', 'ganno.*']),
    include_package_data=True,
    package_data={'ganno': ['assets/*']},
    install_requires=requirements,
    extras_require={'dev': dev_requirements, 'lightning': lightning_requirements, 'ray': ray_requirements},
    python_requires='>=' + min_python,
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    zip_safe=False,
    entry_points={
        'console_scripts': cfg.get('console_scripts', '').split(),
        'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"],
    },
    author=cfg['author'],
    author_email=cfg['author_email'],
    description=cfg['description'],
    keywords=cfg['keywords'],
)
