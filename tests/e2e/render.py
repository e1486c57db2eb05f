"""Render a DOCX's first page to PNG, to look at printed documents (and keep screenshots).

DOCX → PDF with LibreOffice headless (a private profile per call, so parallel runs and a
running LibreOffice do not collide), then page 1 → PNG with poppler's pdftoppm at 80 dpi.
Times New Roman is replaced by the metric-compatible Liberation Serif where it is missing.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path


def office_binary() -> str | None:
    """Path of the LibreOffice binary (libreoffice or soffice), None when not installed."""
    return shutil.which("libreoffice") or shutil.which("soffice")


def render_first_page(docx_bytes: bytes, out_png, *, dpi: int = 80, timeout: int = 120) -> Path:
    """Write the first page of the DOCX `docx_bytes` as a PNG to `out_png` and return its path.

    Runs `libreoffice --headless --convert-to pdf --outdir <tmp>` and
    `pdftoppm -png -r <dpi> -f 1 -l 1`. Raises RuntimeError when LibreOffice or pdftoppm is
    missing, subprocess.CalledProcessError / TimeoutExpired when a conversion fails.
    """
    office = office_binary()
    if office is None or shutil.which("pdftoppm") is None:
        raise RuntimeError("LibreOffice and pdftoppm are needed to render documents")
    out_png = Path(out_png)
    out_png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chibo-render-") as tmp:
        tmp = Path(tmp)
        source = tmp / "document.docx"
        source.write_bytes(docx_bytes)
        profile = (tmp / "profile").as_uri()
        subprocess.run(
            [
                office,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        pdf = tmp / "document.pdf"
        if not pdf.exists():
            raise RuntimeError("LibreOffice produced no PDF")
        base = tmp / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", pdf, base],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        shutil.copyfile(base.with_suffix(".png"), out_png)
    return out_png
