"""newspage: the plain text of a Chinese newspaper page as tidy pandas tables, every number audited."""
from .page import Page, PageError, read_page

__all__ = ["Page", "PageError", "read_page", "__version__"]
__version__ = "0.1.0"
