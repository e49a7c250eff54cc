/* locate's descent in C: where in a snapshot's UTF-8 bytes the values that findings point at start.
 *
 * offsets(body, targets, prefixes, escape) walks the JSON text `body` (bytes) the way locate._value walks the
 * decoded text: it enters only the objects and arrays whose pointer is in `prefixes` (a set of str), skips
 * every other value, and records {pointer: byte offset of its value} for each pointer of `targets` (a set of
 * str) it meets, in the order of the text, stopping once all are found. A key is its own text unless it
 * holds a backslash (then json.decoder.scanstring decodes it, as the parser did); a key holding '~' or '/'
 * goes into the pointer through `escape` (pointer.escape). On bytes, not text: the snapshot's 13 to 287 MiB
 * are never decoded for it, and a line is a count of b"\n" before an offset, as it is of "\n" in the text.
 *
 * The body was parsed and validated before (valid JSON, no duplicate key): what is not JSON ends the walk
 * with what was found so far, as the Python walk's suppressed ValueError does; nothing is read past the end.
 *
 * Optional: without a compiler the package installs without it and the walk runs in Python (locate._offsets),
 * which the tests compare it with.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#define BAD (-1)  /* not JSON: the walk ends */
#define DONE (-2) /* every target found */
#define FAILED (-3) /* a Python error is set */

typedef struct {
    const char *s;
    Py_ssize_t n;
    PyObject *targets, *prefixes, *escape, *scanstring, *found;
    Py_ssize_t wanted;
} Walk;

static inline Py_ssize_t spaces(const Walk *w, Py_ssize_t i) {
    while (i < w->n && (w->s[i] == ' ' || w->s[i] == '\t' || w->s[i] == '\n' || w->s[i] == '\r')) i++;
    return i;
}

/* The index after the string whose opening quote is at i; *escaped tells whether it holds a backslash. */
static Py_ssize_t string_end(const Walk *w, Py_ssize_t i, int *escaped) {
    for (i++; i < w->n; i++) {
        char c = w->s[i];
        if (c == '"') return i + 1;
        if (c == '\\') {
            *escaped = 1;
            i++;
        }
    }
    return BAD;
}

/* The index after the value at i, read as far as its end and no further. */
static Py_ssize_t skip(const Walk *w, Py_ssize_t i) {
    int escaped = 0;
    if (i >= w->n) return BAD;
    char c = w->s[i];
    if (c == '"') return string_end(w, i, &escaped);
    if (c == '{' || c == '[') {
        Py_ssize_t depth = 0;
        while (i < w->n) {
            c = w->s[i];
            if (c == '"') {
                i = string_end(w, i, &escaped);
                if (i < 0) return BAD;
                continue;
            }
            if (c == '{' || c == '[') depth++;
            else if ((c == '}' || c == ']') && --depth == 0) return i + 1;
            i++;
        }
        return BAD;
    }
    Py_ssize_t start = i;
    while (i < w->n && !strchr(",}] \t\n\r", w->s[i])) i++;
    return i > start ? i : BAD;
}

static int wanted(PyObject *set, PyObject *path) { return PySet_Contains(set, path); }

/* Record the target `path` at offset i; DONE once every target is found. */
static Py_ssize_t record(Walk *w, PyObject *path, Py_ssize_t i) {
    PyObject *offset = PyLong_FromSsize_t(i);
    if (offset == NULL || PyDict_SetItem(w->found, path, offset) < 0) {
        Py_XDECREF(offset);
        return FAILED;
    }
    Py_DECREF(offset);
    return PyDict_GET_SIZE(w->found) == w->wanted ? DONE : 0;
}

static Py_ssize_t value(Walk *w, PyObject *path, Py_ssize_t i);

/* The pointer of the key whose text is s[start:end] (quotes included), below `parent` ("/a/b/"). */
static PyObject *key_pointer(Walk *w, PyObject *parent, Py_ssize_t start, Py_ssize_t end, int escaped) {
    PyObject *key;
    if (escaped) {
        PyObject *text = PyUnicode_DecodeUTF8(w->s + start, end - start, "strict");
        if (text == NULL) return NULL;
        PyObject *pair = PyObject_CallFunction(w->scanstring, "On", text, (Py_ssize_t)1);
        Py_DECREF(text);
        if (pair == NULL) return NULL;
        key = PyTuple_Check(pair) && PyTuple_GET_SIZE(pair) == 2 ? PyTuple_GET_ITEM(pair, 0) : NULL;
        if (key != NULL && !PyUnicode_Check(key)) key = NULL;
        Py_XINCREF(key);
        Py_DECREF(pair);
        if (key == NULL) {
            PyErr_SetString(PyExc_TypeError, "scanstring gave no (str key, end) pair");
            return NULL;
        }
    } else {
        key = PyUnicode_DecodeUTF8(w->s + start + 1, end - start - 2, "strict");
        if (key == NULL) return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(key);
    if (PyUnicode_FindChar(key, '~', 0, length, 1) >= 0 || PyUnicode_FindChar(key, '/', 0, length, 1) >= 0) {
        PyObject *escaped_key = PyObject_CallOneArg(w->escape, key);
        Py_DECREF(key);
        if (escaped_key == NULL) return NULL;
        key = escaped_key;
    }
    PyObject *child = PyUnicode_Concat(parent, key);
    Py_DECREF(key);
    return child;
}

/* After a member or item: the index of the next one, 0 (as a flag in *closed) at the closing bracket. */
static Py_ssize_t next(const Walk *w, Py_ssize_t i, char close, int *closed) {
    i = spaces(w, i);
    if (i >= w->n) return BAD;
    if (w->s[i] == ',') return spaces(w, i + 1);
    if (w->s[i] == close) {
        *closed = 1;
        return i + 1;
    }
    return BAD;
}

/* Walk a member's or item's value at i, or skip it when nothing wanted is in it or at it. */
static Py_ssize_t child_value(Walk *w, PyObject *child, Py_ssize_t i) {
    int in = wanted(w->prefixes, child);
    if (in == 0) in = wanted(w->targets, child);
    if (in < 0) return FAILED;
    return in ? value(w, child, i) : skip(w, i);
}

static Py_ssize_t object(Walk *w, PyObject *path, Py_ssize_t i) {
    i = spaces(w, i + 1);
    if (i < w->n && w->s[i] == '}') return i + 1;
    PyObject *parent = PyUnicode_FromFormat("%U/", path);
    if (parent == NULL) return FAILED;
    int closed = 0;
    while (!closed) {
        if (i >= w->n || w->s[i] != '"') {
            i = BAD;
            break;
        }
        int escaped = 0;
        Py_ssize_t end = string_end(w, i, &escaped);
        if (end < 0) {
            i = BAD;
            break;
        }
        Py_ssize_t colon = spaces(w, end);
        if (colon >= w->n || w->s[colon] != ':') {
            i = BAD;
            break;
        }
        PyObject *child = key_pointer(w, parent, i, end, escaped);
        if (child == NULL) { /* a key that is not JSON or not UTF-8 ends the walk, as the Python walk's does */
            i = PyErr_ExceptionMatches(PyExc_ValueError) ? BAD : FAILED;
            if (i == BAD) PyErr_Clear();
            break;
        }
        i = child_value(w, child, spaces(w, colon + 1));
        Py_DECREF(child);
        if (i < 0) break;
        i = next(w, i, '}', &closed);
        if (i < 0) break;
    }
    Py_DECREF(parent);
    return i;
}

static Py_ssize_t array(Walk *w, PyObject *path, Py_ssize_t i) {
    i = spaces(w, i + 1);
    if (i < w->n && w->s[i] == ']') return i + 1;
    int closed = 0;
    for (Py_ssize_t index = 0; !closed; index++) {
        PyObject *child = PyUnicode_FromFormat("%U/%zd", path, index);
        if (child == NULL) return FAILED;
        i = child_value(w, child, i);
        Py_DECREF(child);
        if (i < 0) return i;
        i = next(w, i, ']', &closed);
        if (i < 0) return i;
    }
    return i;
}

static Py_ssize_t value(Walk *w, PyObject *path, Py_ssize_t i) {
    int target = wanted(w->targets, path);
    if (target < 0) return FAILED;
    if (target) { /* before the end is looked at, as the Python walk records it */
        Py_ssize_t got = record(w, path, i);
        if (got < 0) return got;
    }
    if (i >= w->n) return BAD;
    char c = w->s[i];
    if (c != '{' && c != '[') return skip(w, i);
    int prefix = wanted(w->prefixes, path);
    if (prefix < 0) return FAILED;
    if (!prefix) return skip(w, i);
    if (Py_EnterRecursiveCall(" while finding the lines of a snapshot")) return FAILED; /* as the Python walk */
    Py_ssize_t end = c == '{' ? object(w, path, i) : array(w, path, i);
    Py_LeaveRecursiveCall();
    return end;
}

static PyObject *offsets(PyObject *Py_UNUSED(self), PyObject *args) {
    Py_buffer body;
    Walk w;
    if (!PyArg_ParseTuple(args, "y*O!O!OO", &body, &PySet_Type, &w.targets, &PySet_Type, &w.prefixes, &w.escape,
                          &w.scanstring))
        return NULL;
    w.s = body.buf;
    w.n = body.len;
    w.wanted = PySet_GET_SIZE(w.targets);
    w.found = PyDict_New();
    if (w.found == NULL) {
        PyBuffer_Release(&body);
        return NULL;
    }
    PyObject *root = PyUnicode_FromString("");
    Py_ssize_t got = root == NULL ? FAILED : (w.wanted ? value(&w, root, spaces(&w, 0)) : 0);
    Py_XDECREF(root);
    PyBuffer_Release(&body);
    if (got == FAILED) {
        Py_DECREF(w.found);
        return NULL;
    }
    return w.found;
}

static PyMethodDef METHODS[] = {
    {"offsets", offsets, METH_VARARGS,
     "offsets(body, targets, prefixes, escape, scanstring): {pointer: byte offset of its value} for the targets found"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_locate_scan", NULL, -1, METHODS};

PyMODINIT_FUNC PyInit__locate_scan(void) { return PyModule_Create(&MODULE); }
