"""Benchmark (not a test): generated drafts of 5, 50 and 500 pages and a batch of typical drafts.

    python bench/run.py [--batch 1000] [--out bench/results.json]

Reports the in-process lint time of a typical (20-page) draft, the time for 5/50/500 pages with the floor of a
bare lxml parse of the same document.xml, drafts per second for the batch with 1 and 2 jobs, CLI cold start
(`--version` and linting one draft) and peak memory (RSS of a child process linting the 500-page draft).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from lxml import etree

PARAS_PER_PAGE = 9  # ~ a page of 14 pt justified body text with headings


def make_draft(pages: int, path: Path) -> Path:
    """A KH-like draft: header table, headings, body paragraphs, reporting lines and an appendix table."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    header = doc.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 15/KH-UBND"
    header.cell(1, 1).text = "Thanh Hóa, ngày 05 tháng 01 năm 2024"
    doc.add_paragraph("KẾ HOẠCH").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("Cải cách hành chính năm 2024").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;")
    doc.add_paragraph("Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ.")
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    body_paras = pages * PARAS_PER_PAGE
    for i in range(body_paras):
        if i % 40 == 0:
            doc.add_paragraph(f"{romans[(i // 40) % 10]}. NHIỆM VỤ TRỌNG TÂM {i // 40 + 1}")
        elif i % 8 == 0:
            doc.add_paragraph(f"{(i % 40) // 8}. Cải cách thủ tục hành chính nhóm {i}")
        elif i % 17 == 0:
            doc.add_paragraph("Báo cáo quý I: gửi trước ngày 20 tháng 3 năm 2024; thời gian chốt số liệu từ ngày "
                              "15 tháng 12 năm 2023 đến ngày 14 tháng 3 năm 2024.")
        else:
            doc.add_paragraph(f"- Rà soát, đánh giá thủ tục hành chính thuộc phạm vi quản lý, đề xuất đơn giản hóa "
                              f"các quy định không cần thiết, bảo đảm tiến độ và chất lượng công việc số {i}.")
    table = doc.add_table(rows=1, cols=6)
    for cell, title in zip(table.rows[0].cells, ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì",
                                                  "Cơ quan phối hợp", "Thời gian hoàn thành"], strict=True):
        cell.text = title
    for i in range(max(pages, 5)):
        cells = table.add_row().cells
        for cell, value in zip(cells, [str(i + 1), f"Nhiệm vụ {i}", "Báo cáo", "Sở Nội vụ", "Các sở",
                                       "Quý II/2024"], strict=True):
            cell.text = value
    doc.save(path)
    return path


def timed(fn, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def lxml_floor(path: Path) -> float:
    def parse():
        with zipfile.ZipFile(path) as z:
            etree.fromstring(z.read("word/document.xml"))
    return timed(parse)


def peak_rss_mb(path: Path) -> float:
    code = ("import resource,sys; import cchc_lint.api as a; a.check_file(sys.argv[1]);"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def cold_start(args: list[str]) -> float:
    """A new process each time, as after `pip install` (bytecode compiled, lark tables cached): one unmeasured
    run first writes __pycache__ even where PYTHONDONTWRITEBYTECODE is set for the session."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(["cchc-lint", *args], capture_output=True, check=False, env=env)
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(["cchc-lint", *args], capture_output=True, check=False, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--out", default="bench/results.json")
    args = parser.parse_args()
    from cchc_lint.api import check_file
    from cchc_lint.batch import run_batch
    from cchc_lint.config import Config

    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        drafts = {pages: make_draft(pages, folder / f"p{pages}.docx") for pages in (5, 20, 50, 500)}
        check_file(drafts[5])  # warm imports and caches: in-process numbers exclude start-up
        for pages, path in drafts.items():
            results[f"lint_{pages}p_s"] = round(timed(lambda p=path: check_file(p), 3 if pages == 500 else 5), 4)
            results[f"lxml_floor_{pages}p_s"] = round(lxml_floor(path), 4)
        results["ratio_500_over_50"] = round(results["lint_500p_s"] / results["lint_50p_s"], 2)
        results["peak_rss_500p_mb"] = round(peak_rss_mb(drafts[500]), 1)
        batch_dir = folder / "batch"
        batch_dir.mkdir()
        typical = drafts[5].read_bytes()
        paths = []
        for i in range(args.batch):
            p = batch_dir / f"d{i:04d}.docx"
            p.write_bytes(typical)
            paths.append(str(p))
        for jobs in (1, 2):
            start = time.perf_counter()
            run_batch(paths, Config(jobs=jobs))
            results[f"batch_{jobs}job_drafts_per_s"] = round(len(paths) / (time.perf_counter() - start), 1)
        results["cold_start_version_s"] = round(cold_start(["--version"]), 3)
        results["cold_start_lint_one_s"] = round(cold_start([str(drafts[5]), "--format", "json"]), 3)
    results["self_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
