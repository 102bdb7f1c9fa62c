"""Many files: in order, one process or several, a time limit per file, one bad file never stops the rest."""

from __future__ import annotations

import signal
import sys

from cchc_lint.config import Config
from cchc_lint.findings import FileReport, Report


class _TimeUp(Exception):
    pass


def _alarm(signum, frame):
    raise _TimeUp


def check_one(source: str, config: Config, data: bytes | None = None, name: str | None = None) -> FileReport:
    """Check one input under the per-file time limit; every failure becomes the file's ``error``."""
    from cchc_lint.api import check_file

    label = name or source
    use_alarm = config.timeout > 0 and hasattr(signal, "setitimer")
    previous = signal.signal(signal.SIGALRM, _alarm) if use_alarm else None
    if use_alarm:
        signal.setitimer(signal.ITIMER_REAL, config.timeout)
    try:
        return check_file(data if data is not None else source, config, name=name)
    except _TimeUp:
        return FileReport(path=label, error=f"{label}: quá thời gian kiểm tra ({config.timeout:g} giây), đã dừng")
    except MemoryError:
        return FileReport(path=label, error=f"{label}: không đủ bộ nhớ để đọc tệp, đã dừng")
    except RecursionError:
        return FileReport(path=label, error=f"{label}: cấu trúc XML lồng nhau quá sâu, đã từ chối")
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run_batch(inputs: list[str], config: Config, *, stdin_data: bytes | None = None, stdin_name: str = "stdin.docx",
              progress: bool = False) -> Report:
    from cchc_lint.plugins_manager import get_manager

    show = progress and len(inputs) >= 10
    files: list[FileReport] = []
    if config.jobs > 1 and len(inputs) > 1:
        # imported only for --jobs > 1: keeps a single run's start quick
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=config.jobs) as pool:
            futures = [pool.submit(check_one, s, config, stdin_data if s == "-" else None,
                                   stdin_name if s == "-" else None) for s in inputs]
            for future in futures:  # input order, whatever order they finish in
                files.append(future.result())
                if show:
                    _progress(len(files), len(inputs))
    else:
        for source in inputs:
            files.append(check_one(source, config, stdin_data if source == "-" else None,
                                   stdin_name if source == "-" else None))
            if show:
                _progress(len(files), len(inputs))
    report = Report(files=files)
    get_manager().hook.cchc_lint_after_check(report=report)
    return report
