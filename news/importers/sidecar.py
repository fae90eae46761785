"""The old address of a saved page or text file, written beside it by whoever saved it.

Two forms; the first found wins:

- `<file>.url` next to the file (`pleno.html.url`, `pleno.txt.url`): the first non-empty line
  is the address. A Windows Internet Shortcut (`[InternetShortcut]` then `URL=https://...`),
  as a browser drops when a link is dragged to a folder, works too.
- `urls.txt` in the file's folder: one `<file name> <address>` per line (a tab or spaces
  between; `#` starts a comment), for a whole crawl at once.

An address is a full `http(s)://` URL or a path of the satker's site (`/berita/baca/12/x`).
"""

from pathlib import Path

URLS_FILE = "urls.txt"


class SidecarError(Exception):
    pass


def checked(url, where):
    url = url.strip()
    if url.startswith(("http://", "https://", "/")) and not url.startswith("//") and " " not in url:
        return url
    raise SidecarError(f"{where}: '{url[:80]}' is not an address (write https://host/path or /path)")


class Sidecars:
    """Reads sidecars, each folder's urls.txt once."""

    def __init__(self):
        self.folders = {}

    def url_for(self, path):
        """The old address written beside `path`, or '' when none is; SidecarError when malformed."""
        path = Path(path)
        beside = path.with_name(path.name + ".url")
        if beside.is_file():
            lines = [line.strip() for line in beside.read_text(encoding="utf-8-sig", errors="replace").splitlines()]
            shortcut = [line.removeprefix("URL=") for line in lines if line.startswith("URL=")]
            for line in shortcut or [line for line in lines if line]:
                return checked(line, beside)
            raise SidecarError(f"{beside}: empty; write the page's old address in it")
        urls, error = self.listed(path.parent)
        if error:
            raise SidecarError(error)
        return urls.get(path.name, "")

    def listed(self, folder):
        """({file name: address}, None) from the folder's urls.txt, or ({}, the reason it is malformed)."""
        if folder not in self.folders:
            urls, error = {}, None
            listing = folder / URLS_FILE
            if listing.is_file():
                lines = listing.read_text(encoding="utf-8-sig", errors="replace").splitlines()
                try:
                    for number, line in enumerate(lines, start=1):
                        line = line.strip()
                        if not line or line.startswith("#"):
                            continue
                        name, _sep, url = line.replace("\t", " ").rpartition(" ")
                        if not name.strip():
                            raise SidecarError(f"{listing} line {number}: write '<file name> <address>'")
                        urls[name.strip()] = checked(url, f"{listing} line {number}")
                except SidecarError as exc:
                    urls, error = {}, str(exc)
            self.folders[folder] = urls, error
        return self.folders[folder]


def full_url(url, satker):
    """`url` as a full URL: a path is put on the satker's domain; '' when it has none."""
    if url.startswith(("http://", "https://")):
        return url
    return f"https://{satker.domain}{url}" if satker.domain and url.startswith("/") else ""
