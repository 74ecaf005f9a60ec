"""Render a workbook gnbv wrote to images, to look at it as a person will print it.

    python scripts/render_workbook.py report.xlsx [OUT_DIR]

Needs LibreOffice (Debian: ``apt-get install libreoffice-calc-nogui``) and pdftoppm
(``poppler-utils``). Each sheet is printed as LibreOffice prints it (A4, the workbook's own
page setup) to a PDF, and every page to a PNG in OUT_DIR (default: next to the workbook).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path


def render(workbook: Path, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(workbook),
            ],
            check=True,
            capture_output=True,
        )
    pdf = out_dir / (workbook.stem + ".pdf")
    prefix = out_dir / workbook.stem
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(prefix)], check=True)
    return sorted(out_dir.glob(f"{workbook.stem}-*.png"))


if __name__ == "__main__":
    source = Path(sys.argv[1])
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else source.parent
    for page in render(source, target):
        print(page)
