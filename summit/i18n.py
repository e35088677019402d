"""The interface's languages: gettext message catalogues managed with Babel, the language of the current run,
and dates and numbers written the way each language writes them.

Interface text is written in English in the code and marked: `_("…")` where it is shown, `ngettext(…)` for
a number's noun, `N_("…")` for a module-level constant translated where it is read (`Messages` does that for
a whole mapping of labels). `pybabel extract` (babel.cfg, `make messages`) collects the marked text into
summit/locale/messages.pot; each language's catalogue is summit/locale/LANG/LC_MESSAGES/messages.po, read
as it is (no compiled .mo file to go stale). Data text (descriptions, names, notes) stays in the language
of the data; a dataset may give translated labels (docs/data-format.md, "Translations").
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
import io
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

if TYPE_CHECKING:  # pandas is not loaded for the schema and the CLI's validate (tests/test_cli.py)
    import pandas as pd

# The interface's languages, each named in itself (the language picker shows these), English first.
LANGUAGES = {"en": "English", "fr": "Français", "uk": "Українська"}
DEFAULT_LANGUAGE = "en"
# The locale each language's dates and numbers follow: British English writes "28 February 2026".
LOCALES = {"en": "en_GB", "fr": "fr_FR", "uk": "uk_UA"}
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"

_current: ContextVar[str] = ContextVar("summit_language", default=DEFAULT_LANGUAGE)
K = TypeVar("K")


def catalogue_path(lang: str) -> Path:
    """The .po catalogue of a language other than English."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext_module.NullTranslations:
    """The catalogue of a language, read once per process; English (the code's own text) needs none."""
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        return gettext_module.NullTranslations()
    with catalogue_path(lang).open("rb") as po:
        catalog = read_po(po, locale=LOCALES[lang])
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out: a guess is not shown as a translation
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)


def current_language() -> str:
    """The language of this run (of this thread's context): English unless `use_language` set another."""
    return _current.get()


def use_language(lang: str) -> str:
    """Set the language for the rest of this run (a Streamlit script run, a CLI call); an unknown code gives
    English. Returns the language set."""
    chosen = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _current.set(chosen)
    return chosen


@contextmanager
def language(lang: str) -> Iterator[str]:
    """The language for a `with` block (exports and tests), restored after it."""
    token = _current.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """The message in the current language (itself when the catalogue has no translation). The empty text stays
    empty (gettext would give the catalogue's header)."""
    return translations(_current.get()).gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for n, by the current language's plural rule (Ukrainian has three)."""
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message that needs a context to translate (a short word with two meanings)."""
    return translations(_current.get()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools look for)
    """Mark a constant for extraction; it is translated where it is read, with `_` or `Messages`."""
    return message


# What the app tells readers about text it does not translate (under the language picker).
DATA_LANGUAGE_NOTE = N_("Descriptions, names and notes are shown in the language of the data.")


class Messages(Mapping[K, str]):
    """A fixed mapping to marked messages (`N_`): each value read comes in the current language, so the
    mapping is written once, at import, and read in any language."""

    def __init__(self, messages: Mapping[K, str]) -> None:
        self._messages = dict(messages)

    def __getitem__(self, key: K) -> str:
        return _(self._messages[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)

    def __repr__(self) -> str:
        return f"Messages({self._messages!r})"


# --- dates and numbers -----------------------------------------------------------------------------------


def _locale() -> Locale:
    return _parsed(_current.get())


@cache
def _parsed(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def format_day(day: dt.date) -> str:
    """'28 February 2026', '28 février 2026', '28 лютого 2026 р.' (English without Babel: the same words, faster)."""
    if _current.get() == DEFAULT_LANGUAGE:
        return f"{day:%-d %B %Y}"
    return format_date(day, "long", locale=_locale())


def format_short_day(day: dt.date) -> str:
    """'28 Feb 2026', '28 févr. 2026', '28 лют. 2026 р.' (English as the code has always written it: 'Sep', not
    CLDR's 'Sept')."""
    if _current.get() == DEFAULT_LANGUAGE:
        return f"{day:%-d %b %Y}"
    return format_date(day, "medium", locale=_locale())


def format_month(day: dt.date) -> str:
    """'February 2026', 'février 2026', 'лютий 2026 р.' (a month standing alone)."""
    return format_date(day, "LLLL y", locale=_locale())


def format_number(value: float, decimals: int = 0) -> str:
    """'1,500', '1 500' (a narrow no-break space in French and Ukrainian), with up to `decimals` decimals."""
    if _current.get() == DEFAULT_LANGUAGE and isinstance(value, int):
        return f"{value:,}"  # what Babel writes for en_GB, without its cost (the timeline writes thousands)
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale())


def format_share(share: float) -> str:
    """A share of 1 as a percentage: '45%', '45 %'."""
    return format_percent(share, locale=_locale())


# --- alphabetical order --------------------------------------------------------------------------------
# Names are listed in the order of the reader's alphabet: code-point order puts É after Z, and Ukraine's own
# letters (є, і, ї, ґ) before а. French sorts as if unaccented; Ukrainian by its alphabet (2019 orthography),
# the apostrophe ignored. Letters of other scripts keep their code-point order, after these.
UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_UKRAINIAN_ORDER = {ord(letter): chr(0xE000 + i) for i, letter in enumerate(UKRAINIAN_ALPHABET)} | {
    ord("’"): None,
    ord("'"): None,
}


def collation_key(text: str) -> str:
    """A key that sorts names in the current language's alphabetical order (case ignored)."""
    folded = text.casefold()
    if _current.get() == "uk":
        return folded.translate(_UKRAINIAN_ORDER)
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- tables ----------------------------------------------------------------------------------------------


def translated_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its column names in the current language. Display tables (summit.tables) name their
    columns with marked English constants (COL_*), which the code selects by; each output (a page's table, a
    CSV, a sheet, a slide) renames them as it writes them. The cells are left as they are."""
    if current_language() == DEFAULT_LANGUAGE:
        return frame
    return frame.rename(columns={c: _(c) for c in frame.columns if isinstance(c, str)})
