/* missing-utm's verdicts of lone links in C: what missing_utm.Auditor.loud_posts computes in Python as
 *
 *     list(map(verdicts.__getitem__, map(_GROUPS, map(_LONE_LINK_OR_ANY.fullmatch, links), repeat(""))))
 *
 * lone_verdicts(links, verdicts) reads each string of `links` once: when it is a lone link
 * (missing_utm._LONE_LINK, spelt out below character by character; ASCII only), it gives
 * verdicts[(host as written, query)] (a dict whose __missing__ finds a new pair's verdict), else None, as
 * verdicts[("", "")] is. Without a match object, a tuple of groups and a list of them kept per link: in a fresh
 * process each costs page faults (benchmarks/README.md); a link with the host and query of the lone link before
 * it is given that one's verdict without a look-up. The tests compare the two.
 *
 * _LONE_LINK: [Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9.-]+)(?:/[!$-;=@-~]*)?(?:\?([!$-;=?-~]*))?(?:#[!#-;=?-~]*)?
 * not ending in one of .,;:!?'")]}>* (the regex's last lookbehind). Each part's characters end it, so the regex
 * reads every link one way only.
 *
 * Optional: without a compiler the package installs without it and the verdicts are found in Python.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* The characters of each part of a lone link, a bit each in a table of the 128 ASCII characters. */
enum { HOST = 1, PATH = 2, QUERY = 4, FRAGMENT = 8, TRAILING = 16 };
static unsigned char CLASSES[128];

static void init_classes(void) {
    for (int c = 0; c < 128; c++) {
        int link = c == '!' || (c >= '#' && c <= ';') || c == '=' || (c >= '?' && c <= '~'); /* [!#-;=?-~] */
        int host = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
        CLASSES[c] = (host ? HOST : 0) | (link && c != '?' && c != '#' ? PATH : 0) | (link && c != '#' ? QUERY : 0) |
                     (link ? FRAGMENT : 0) | (c != 0 && strchr(".,;:!?'\")]}>*", c) != NULL ? TRAILING : 0);
    }
}

#define IS(c, part) ((c) < 128 && (CLASSES[(c)] & (part)))

/* Where host and query are in s[0:n] when it is a lone link: 1 and the spans, else 0. */
static int parse_lone(const unsigned char *s, Py_ssize_t n, Py_ssize_t span[4]) {
    Py_ssize_t i = 0;
    if (n < 8 || (s[0] | 32) != 'h' || (s[1] | 32) != 't' || (s[2] | 32) != 't' || (s[3] | 32) != 'p') return 0;
    i = 4;
    if ((s[i] | 32) == 's') i++;
    if (i + 3 > n || memcmp(s + i, "://", 3) != 0) return 0;
    i += 3;
    span[0] = i;
    while (i < n && IS(s[i], HOST)) i++;
    if (i == span[0]) return 0;
    span[1] = i;
    span[2] = span[3] = 0;
    if (i < n && s[i] == '/') {
        for (i++; i < n && IS(s[i], PATH); i++) {
        }
    }
    if (i < n && s[i] == '?') {
        span[2] = ++i;
        while (i < n && IS(s[i], QUERY)) i++;
        span[3] = i;
    }
    if (i < n && s[i] == '#') {
        for (i++; i < n && IS(s[i], FRAGMENT); i++) {
        }
    }
    return i == n && !IS(s[n - 1], TRAILING);
}

/* Whether s[a:b] and t[c:d] hold the same characters. */
static int same_span(const unsigned char *s, Py_ssize_t a, Py_ssize_t b, const unsigned char *t, Py_ssize_t c,
                     Py_ssize_t d) {
    return b - a == d - c && memcmp(s + a, t + c, (size_t)(b - a)) == 0;
}

static PyObject *lone_verdicts(PyObject *self, PyObject *args) {
    PyObject *links, *verdicts;
    if (!PyArg_ParseTuple(args, "O!O", &PyList_Type, &links, &verdicts)) return NULL;
    PyObject *result = PyList_New(0);
    if (result == NULL) return NULL;
    /* The last lone link read and its verdict: links of one campaign repeat host and query, and the same pair
     * gives the same verdict, so it is not looked up again (no strings, no tuple). */
    PyObject *last = NULL, *last_verdict = NULL;
    Py_ssize_t last_span[4] = {0, 0, 0, 0};
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(links); i++) {
        PyObject *link = PyList_GET_ITEM(links, i);
        if (!PyUnicode_Check(link)) {
            PyErr_SetString(PyExc_TypeError, "a link that is no string");
            goto fail;
        }
        Py_INCREF(link); /* __missing__ runs Python code: the link stays alive for its turn */
        PyObject *verdict = NULL;
        Py_ssize_t span[4];
        const unsigned char *s = PyUnicode_IS_ASCII(link) ? PyUnicode_1BYTE_DATA(link) : NULL;
        if (s != NULL && parse_lone(s, PyUnicode_GET_LENGTH(link), span)) {
            const unsigned char *l = last == NULL ? NULL : PyUnicode_1BYTE_DATA(last);
            if (l != NULL && same_span(s, span[0], span[1], l, last_span[0], last_span[1]) &&
                same_span(s, span[2], span[3], l, last_span[2], last_span[3])) {
                verdict = Py_NewRef(last_verdict);
            } else {
                PyObject *host = PyUnicode_Substring(link, span[0], span[1]);
                PyObject *query = host == NULL ? NULL : PyUnicode_Substring(link, span[2], span[3]);
                PyObject *key = query == NULL ? NULL : PyTuple_Pack(2, host, query);
                Py_XDECREF(host);
                Py_XDECREF(query);
                if (key != NULL) {
                    verdict = PyObject_GetItem(verdicts, key);
                    Py_DECREF(key);
                }
                if (verdict != NULL) {
                    Py_XSETREF(last, Py_NewRef(link));
                    Py_XSETREF(last_verdict, Py_NewRef(verdict));
                    memcpy(last_span, span, sizeof span);
                }
            }
        } else {
            verdict = Py_NewRef(Py_None);
        }
        Py_DECREF(link);
        if (verdict == NULL || PyList_Append(result, verdict) < 0) {
            Py_XDECREF(verdict);
            goto fail;
        }
        Py_DECREF(verdict);
    }
    Py_XDECREF(last);
    Py_XDECREF(last_verdict);
    return result;
fail:
    Py_XDECREF(last);
    Py_XDECREF(last_verdict);
    Py_DECREF(result);
    return NULL;
}

static PyMethodDef METHODS[] = {
    {"lone_verdicts", lone_verdicts, METH_VARARGS, "verdicts[(host, query)] of each lone link, None for the others"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_utm_scan", NULL, -1, METHODS};

PyMODINIT_FUNC PyInit__utm_scan(void) {
    init_classes();
    return PyModule_Create(&MODULE);
}
