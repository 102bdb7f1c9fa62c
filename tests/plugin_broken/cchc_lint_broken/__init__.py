"""A plugin that fails on import: cchc-lint must warn, skip it and still run."""

raise RuntimeError("plugin hỏng cố ý")
