/* pii-exposure's first pass in C: which items' texts may show a phone number or an e-mail address.
 *
 * worth(items, fewest) reads each item's "text" once (items: a list of dicts) and gives (positions, others):
 * the positions of the items whose text is a string that pii_exposure._may_show(text, fewest) and
 * pii_exposure._holds(text) say is worth reading, and how many items have no string text. Without making an
 * object per item: the Python pass joins, hashes and copies the texts (benchmarks/README.md). The rules are
 * the regexes' own, character by character:
 *   - '@' anywhere: worth reading;
 *   - no decimal digit (Python's \d, str.isdecimal) anywhere: not worth reading;
 *   - fewest <= 1: worth reading;
 *   - a WhatsApp link (_WHATSAPP_HINT_PATTERN: [wW] then "a.me/" or "hatsapp.com/send" ignoring case, where
 *     U+017F ſ is an s as the regex engine has it): worth reading;
 *   - else at least `fewest` digits outside its URLs (_URL: [hH]ttps?:// or [wW]ww. ignoring case, then one or
 *     more characters that are neither white space, as str.isspace has it, nor <>"«»), the URLs looked for only
 *     when the text holds "www" or "//", as _may_show does.
 * The tests compare it with the Python pass on every character that matters and on odd texts.
 *
 * Optional: without a compiler the package installs without it and the pass runs in Python.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *TEXT;

/* How many items ahead worth() asks the processor to fetch: each item is a dict somewhere in memory, and on
 * 500,000 comments waiting for each to arrive was most of the pass (51 against 27 ms, benchmarks/README.md). */
#define AHEAD 16

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Text;

#define AT(t, i) PyUnicode_READ((t)->kind, (t)->data, (i))

/* Whether the character c is the pattern's character p ignoring case: p is lower-case ASCII. */
static int same_letter(Py_UCS4 c, char p) {
    if (c == (Py_UCS4)p) return 1;
    if (p >= 'a' && p <= 'z') return c == (Py_UCS4)(p - 32) || (p == 's' && c == 0x17F);
    return 0;
}

/* Whether text[i:] starts with the lower-case ASCII word, ignoring case. */
static int starts_with(const Text *t, Py_ssize_t i, const char *word) {
    for (; *word; word++, i++) {
        if (i >= t->n || !same_letter(AT(t, i), *word)) return 0;
    }
    return 1;
}

static int has_whatsapp_link(const Text *t) {
    for (Py_ssize_t i = 0; i < t->n; i++) {
        Py_UCS4 c = AT(t, i);
        if ((c == 'w' || c == 'W') && (starts_with(t, i + 1, "a.me/") || starts_with(t, i + 1, "hatsapp.com/send")))
            return 1;
    }
    return 0;
}

/* Python's \\d (str.isdecimal), asking the Unicode database only above U+0660, the first digit after ASCII's. */
static inline int is_digit(Py_UCS4 c) {
    if (c < 128) return c >= '0' && c <= '9';
    return c >= 0x660 && Py_UNICODE_ISDECIMAL(c);
}

static int is_url_char(Py_UCS4 c) {
    return !Py_UNICODE_ISSPACE(c) && c != '<' && c != '>' && c != '"' && c != 0xAB && c != 0xBB;
}

/* Where the URL that starts at i ends, or i when none starts there. */
static Py_ssize_t url_end(const Text *t, Py_ssize_t i) {
    Py_UCS4 c = AT(t, i);
    Py_ssize_t j;
    if (c == 'h' || c == 'H') {
        if (!starts_with(t, i + 1, "ttp")) return i;
        j = i + 4;
        if (j < t->n && same_letter(AT(t, j), 's') && starts_with(t, j + 1, "://")) j += 4;
        else if (starts_with(t, j, "://")) j += 3;
        else return i;
    } else if (c == 'w' || c == 'W') {
        if (!starts_with(t, i + 1, "ww.")) return i;
        j = i + 4;
    } else {
        return i;
    }
    if (j >= t->n || !is_url_char(AT(t, j))) return i; /* one character at least */
    while (j < t->n && is_url_char(AT(t, j))) j++;
    return j;
}

static int holds_ascii(const Text *t, const char *what) {
    Py_ssize_t m = (Py_ssize_t)strlen(what);
    for (Py_ssize_t i = 0; i + m <= t->n; i++) {
        Py_ssize_t k = 0;
        while (k < m && AT(t, i + k) == (Py_UCS4)what[k]) k++;
        if (k == m) return 1;
    }
    return 0;
}

static int worth_reading(const Text *t, Py_ssize_t fewest) {
    int digit = 0;
    for (Py_ssize_t i = 0; i < t->n; i++) {
        Py_UCS4 c = AT(t, i);
        if (c == '@') return 1;
        if (!digit && is_digit(c)) digit = 1;
    }
    if (!digit) return 0;
    if (fewest <= 1 || has_whatsapp_link(t)) return 1;
    int urls = holds_ascii(t, "www") || holds_ascii(t, "//");
    Py_ssize_t digits = 0;
    for (Py_ssize_t i = 0; i < t->n;) {
        if (urls) {
            Py_ssize_t end = url_end(t, i);
            if (end > i) {
                i = end;
                continue;
            }
        }
        if (is_digit(AT(t, i)) && ++digits >= fewest) return 1;
        i++;
    }
    return 0;
}

static PyObject *worth(PyObject *self, PyObject *args) {
    PyObject *items;
    Py_ssize_t fewest;
    if (!PyArg_ParseTuple(args, "O!n", &PyList_Type, &items, &fewest)) return NULL;
    PyObject *positions = PyList_New(0);
    if (positions == NULL) return NULL;
    Py_ssize_t others = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
        PyObject *item = PyList_GET_ITEM(items, i);
#if defined(__GNUC__)
        if (i + AHEAD < PyList_GET_SIZE(items)) __builtin_prefetch(PyList_GET_ITEM(items, i + AHEAD));
#endif
        if (!PyDict_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "an item that is no dict");
            goto fail;
        }
        Py_INCREF(item); /* the lookup may run a key's __eq__: the item stays alive for its turn */
        PyObject *text = PyDict_GetItemWithError(item, TEXT);
        if (text == NULL && PyErr_Occurred()) {
            Py_DECREF(item);
            goto fail;
        }
        if (text == NULL || !PyUnicode_Check(text)) {
            others++;
        } else {
#if PY_VERSION_HEX < 0x030C0000
            if (PyUnicode_READY(text) < 0) {
                Py_DECREF(item);
                goto fail;
            }
#endif
            Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
            if (worth_reading(&t, fewest)) {
                PyObject *position = PyLong_FromSsize_t(i);
                if (position == NULL || PyList_Append(positions, position) < 0) {
                    Py_XDECREF(position);
                    Py_DECREF(item);
                    goto fail;
                }
                Py_DECREF(position);
            }
        }
        Py_DECREF(item);
    }
    return Py_BuildValue("Nn", positions, others);
fail:
    Py_DECREF(positions);
    return NULL;
}

static PyMethodDef METHODS[] = {
    {"worth", worth, METH_VARARGS, "(positions of the items whose text is worth reading, items without a text string)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_pii_scan", NULL, -1, METHODS};

PyMODINIT_FUNC PyInit__pii_scan(void) {
    TEXT = PyUnicode_InternFromString("text");
    if (TEXT == NULL) return NULL;
    return PyModule_Create(&MODULE);
}
