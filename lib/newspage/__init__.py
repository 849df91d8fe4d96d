"""newspage: the plain text of a Chinese newspaper page as tidy pandas tables, every number audited."""
# Page, PageError and read_page load on first use (PEP 562): `import newspage` and the command line
# start without pandas, so a Ctrl-C during start-up is caught by the command, not by an import.

__all__ = ["Page", "PageError", "read_page", "__version__"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in ("Page", "PageError", "read_page"):
        from . import page
        return getattr(page, name)
    if not name.startswith("_"):  # newspage.page, newspage.claims …: submodules as before
        import importlib
        try:
            return importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module 'newspage' has no attribute {name!r}")
