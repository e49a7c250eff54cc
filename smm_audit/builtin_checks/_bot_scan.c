/* bot-followers' per-follower pass in C: the same verdict as bot_followers.scan's Python loop, or "ask Python".
 *
 * judge(followers, tables) reads each follower once and gives, per follower, the packed key
 * (verdict << 2*shift | observed << shift | fired) that scan's fast path computes, or -1 where that path
 * would give up (a value outside its tables, a type it does not expect, a timestamp this file does not parse):
 * Python then asks the plain judge, as scan does. Dict and table lookups, truth tests and comparisons are
 * the Python C API's own, so they mean what they mean in bot_followers.py. Timestamps are read here only in
 * the layout YYYY-MM-DDTHH:MM:SS[.f{1,6}](Z|+HH:MM|-HH:MM), which datetime.fromisoformat reads the same way;
 * any other text is left to Python. The counting and the examples stay in Python (bot_followers._scan_native).
 *
 * add_draw(...) is one draw of the corrected share's interval (_bot_share.add_draw_python), further down.
 *
 * Optional: without a compiler the package installs without it and scan runs in Python.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

enum { F_STATUS, F_AVATAR, F_BIO, F_POSTS, F_FOLLOWING, F_FOLLOWED_BY, F_PRIVATE, F_USERNAME,
       F_LAST_ACTIVE, F_CREATED, F_JOINED, F_COUNTRY, N_FIELDS };
static const char *FIELD_NAMES[N_FIELDS] = {
    "status", "has_avatar", "bio_length", "posts_count", "following_count", "followers_count",
    "is_private", "username", "last_active_at", "created_at", "joined_at", "country"};
static PyObject *FIELDS[N_FIELDS];

/* Short ASCII texts (a handle's shape, a day's ten characters) → a Python object, without making an object per
 * follower to look it up: the texts repeat far more than the followers. The objects are owned by `owner` (a
 * list); the cache only borrows them. */
typedef struct {
    Py_ssize_t size; /* slots, a power of two */
    Py_ssize_t used;
    struct slot { uint64_t hash; PyObject *key; PyObject *value; } *slots; /* key: bytes or str, ASCII */
    PyObject *owner;
} Cache;

static int cache_init(Cache *c) {
    c->size = 1024;
    c->used = 0;
    c->slots = PyMem_Calloc(c->size, sizeof(struct slot));
    c->owner = PyList_New(0);
    return c->slots != NULL && c->owner != NULL;
}

static void cache_free(Cache *c) {
    PyMem_Free(c->slots);
    Py_XDECREF(c->owner);
}

static uint64_t fnv1a(const unsigned char *s, Py_ssize_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < n; i++) h = (h ^ s[i]) * 1099511628211ULL;
    return h;
}

static inline const unsigned char *key_data(PyObject *key, Py_ssize_t *n) {
    if (PyBytes_Check(key)) {
        *n = PyBytes_GET_SIZE(key);
        return (const unsigned char *)PyBytes_AS_STRING(key);
    }
    *n = PyUnicode_GET_LENGTH(key);
    return PyUnicode_1BYTE_DATA(key);
}

static PyObject *cache_get(Cache *c, const unsigned char *s, Py_ssize_t n, uint64_t h) {
    for (Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)(c->size - 1));; i = (i + 1) & (c->size - 1)) {
        struct slot *e = &c->slots[i];
        if (e->key == NULL) return NULL;
        Py_ssize_t m;
        const unsigned char *k = key_data(e->key, &m);
        if (e->hash == h && m == n && memcmp(k, s, n) == 0) return e->value;
    }
}

/* Remember key → value (both kept alive by the cache's owner list); 0 on a memory error. */
static int cache_put(Cache *c, PyObject *key, PyObject *value, uint64_t h) {
    if (PyList_Append(c->owner, key) < 0 || PyList_Append(c->owner, value) < 0) return 0;
    if (2 * (c->used + 1) > c->size) {
        Py_ssize_t old_size = c->size;
        struct slot *old = c->slots;
        c->slots = PyMem_Calloc(2 * old_size, sizeof(struct slot));
        if (c->slots == NULL) {
            c->slots = old;
            PyErr_NoMemory();
            return 0;
        }
        c->size = 2 * old_size;
        for (Py_ssize_t j = 0; j < old_size; j++) {
            if (old[j].key == NULL) continue;
            Py_ssize_t i = (Py_ssize_t)(old[j].hash & (uint64_t)(c->size - 1));
            while (c->slots[i].key != NULL) i = (i + 1) & (c->size - 1);
            c->slots[i] = old[j];
        }
        PyMem_Free(old);
    }
    Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)(c->size - 1));
    while (c->slots[i].key != NULL) i = (i + 1) & (c->size - 1);
    c->slots[i].hash = h;
    c->slots[i].key = key;
    c->slots[i].value = value;
    c->used++;
    return 1;
}

/* What scan binds before its loop, unpacked once from the tuple bot_followers._native_tables makes. */
typedef struct {
    PyObject *avatar_bits, *bio_bits, *posts_part, *following_part, *alone_part, *followed_by_part;
    PyObject *shapes, *new_shape, *default_prefix, *offset, *binary, *unknown, *dead_statuses;
    PyObject *suffixes, *target_countries, *zero;
    long o_bio, o_ratio, b_ratio, o_private, b_private, o_inactive, b_inactive, o_new, b_new;
    long long never_active_before_us, new_account_us;
    double cut;
    int shift, verdict_shift;
    long mask, unknown_v, genuine_v, suspicious_v, dead_v;
    Py_ssize_t prefix_length;
    unsigned char shape[256];
    Cache shape_cache, day_cache;
    /* the count tables as arrays, for a count that is an int in [0, counts): what the dicts hold for it */
    Py_ssize_t counts;
    struct count { double posts_z, following_z, alone_z, followed_by_z, ratio_at;
                   long posts_bits, mass_bits; int floor, exact_ratio; } *count;
} Tables;

#define SLOW (-1)
#define FAIL (-2) /* a Python exception to pass on (as scan's loop would raise it) */

static int days_from_civil(long y, int m, int d, long long *out) {
    /* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *out = (long long)era * 146097 + doe - 719468;
    return 0;
}

static int digits(const char *s, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* The instant of an RFC 3339 timestamp in microseconds since the epoch; 0 when the text is not in the layout
 * above or not a valid time (then Python decides). */
static int parse_instant(PyObject *text, long long *out) {
    if (!PyUnicode_CheckExact(text) || !PyUnicode_IS_ASCII(text)) return 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const char *s = (const char *)PyUnicode_1BYTE_DATA(text);
    int year, month, day, hour, minute, second, frac = 0, oh = 0, om = 0;
    if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return 0;
    if (!digits(s, 4, &year) || !digits(s + 5, 2, &month) || !digits(s + 8, 2, &day) || !digits(s + 11, 2, &hour)
        || !digits(s + 14, 2, &minute) || !digits(s + 17, 2, &second))
        return 0;
    Py_ssize_t i = 19;
    if (s[i] == '.') {
        int width = 0;
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9' && width < 7) {
            frac = frac * 10 + (s[i] - '0');
            i++;
            width++;
        }
        if (width == 0 || width > 6) return 0;
        for (; width < 6; width++) frac *= 10;
    }
    int sign = 0;
    if (i == n - 1 && s[i] == 'Z') {
        sign = 1;
    } else if (i == n - 6 && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':' && digits(s + i + 1, 2, &oh)
               && digits(s + i + 4, 2, &om)) {
        sign = s[i] == '+' ? 1 : -1;
    } else {
        return 0;
    }
    static const int month_days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > month_days[month - 1] || hour > 23 || minute > 59
        || second > 59 || oh > 23 || om > 59)
        return 0;
    if (month == 2 && day == 29 && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 0;
    long long days;
    days_from_civil(year, month, day, &days);
    long long seconds = days * 86400 + hour * 3600 + minute * 60 + second - sign * (oh * 3600 + om * 60);
    *out = seconds * 1000000 + frac;
    return 1;
}

static inline PyObject *field(PyObject *follower, int k) {
    /* follower.get(name): the value, Py_None when absent (borrowed); NULL with an error set on failure */
    PyObject *v = PyDict_GetItemWithError(follower, FIELDS[k]);
    if (v == NULL && !PyErr_Occurred()) return Py_None;
    return v;
}

static inline Py_ssize_t count_index(Tables *t, PyObject *o) {
    /* o as an index of the count arrays: an exact int in [0, counts), else -1 (the dicts decide) */
    if (!PyLong_CheckExact(o)) return -1;
    Py_ssize_t n = PyLong_AsSsize_t(o);
    if (n == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return -1;
    }
    return n >= 0 && n < t->counts ? n : -1;
}

static inline PyObject *lookup(PyObject *table, PyObject *key) {
    /* table[key], borrowed; NULL (no error left set) when missing or unhashable: scan's KeyError/TypeError */
    PyObject *v = PyDict_GetItemWithError(table, key);
    if (v == NULL) PyErr_Clear();
    return v;
}

static inline int as_long(PyObject *o, long *out) {
    long v = PyLong_AsLong(o);
    if (v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    *out = v;
    return 1;
}

static inline int as_double(PyObject *o, double *out) {
    double v = PyFloat_AsDouble(o);
    if (v == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    *out = v;
    return 1;
}

static inline int truth(PyObject *o) {
    /* bool(o), or -1 (cleared): scan would have raised inside its try, so the plain judge decides */
    if (o == Py_None || o == Py_False) return 0;
    if (o == Py_True) return 1;
    if (PyUnicode_CheckExact(o)) return PyUnicode_GET_LENGTH(o) > 0;
    int t = PyObject_IsTrue(o);
    if (t < 0) PyErr_Clear();
    return t;
}

/* The username's part: bits, digits term, and whether a default handle may start it (scan's `shapes` cache). */
static int name_part(Tables *t, PyObject *username, long *bits, double *z) {
    int present = truth(username);
    if (present <= 0) return present == 0 ? 1 : 0;
    if (!PyUnicode_CheckExact(username) || !PyUnicode_IS_ASCII(username)) return 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(username);
    const unsigned char *s = PyUnicode_1BYTE_DATA(username);
    unsigned char local[64];
    PyObject *known = NULL;
    uint64_t h = 0;
    if (n <= (Py_ssize_t)sizeof local) { /* the usual handle: its shape looked up without making it */
        for (Py_ssize_t i = 0; i < n; i++) local[i] = t->shape[s[i]];
        h = fnv1a(local, n);
        known = cache_get(&t->shape_cache, local, n, h);
    }
    if (known == NULL) {
        PyObject *shape = PyBytes_FromStringAndSize(NULL, n);
        if (shape == NULL) {
            PyErr_Clear();
            return 0;
        }
        unsigned char *out = (unsigned char *)PyBytes_AS_STRING(shape);
        for (Py_ssize_t i = 0; i < n; i++) out[i] = t->shape[s[i]];
        known = PyObject_CallOneArg(t->new_shape, shape); /* scan's shapes cache entry; a new reference */
        if (known == NULL) {
            Py_DECREF(shape);
            PyErr_Clear();
            return 0;
        }
        int kept = n > (Py_ssize_t)sizeof local || cache_put(&t->shape_cache, shape, known, h);
        Py_DECREF(shape);
        Py_DECREF(known); /* the caches hold it */
        if (!kept) {
            PyErr_Clear();
            return 0;
        }
    }
    if (!PyTuple_CheckExact(known) || PyTuple_GET_SIZE(known) != 3) return 0;
    long name_bits;
    double digits_z;
    if (!as_long(PyTuple_GET_ITEM(known, 0), &name_bits) || !as_double(PyTuple_GET_ITEM(known, 1), &digits_z))
        return 0;
    int maybe_default = truth(PyTuple_GET_ITEM(known, 2));
    if (maybe_default < 0) return 0;
    if (maybe_default && n >= t->prefix_length) {
        const unsigned char *p = PyUnicode_1BYTE_DATA(t->default_prefix);
        Py_ssize_t k = 0;
        while (k < t->prefix_length && Py_TOLOWER(s[k]) == p[k]) k++;
        if (k == t->prefix_length) return 1; /* the platform's default handle: no evidence either way */
    }
    *bits |= name_bits;
    *z += digits_z;
    return 1;
}

/* scan's fast path for one follower that is not dead: its key, SLOW, or FAIL. */
static long long judge_one(Tables *t, PyObject **v) {
    long bits, part_bits;
    double z, term;
    PyObject *entry = lookup(t->avatar_bits, v[F_AVATAR]);
    if (entry == NULL || !as_long(entry, &bits)) return SLOW;
    entry = PyDict_GetItemWithError(t->bio_bits, v[F_BIO]);
    if (entry == NULL) {
        if (PyErr_Occurred()) {
            PyErr_Clear();
            return SLOW;
        }
        bits |= t->o_bio;
    } else {
        if (!as_long(entry, &part_bits)) return SLOW;
        bits |= part_bits;
    }
    PyObject *posts = v[F_POSTS];
    Py_ssize_t n_posts = count_index(t, posts);
    if (n_posts >= 0) {
        z = t->count[n_posts].posts_z;
        bits |= t->count[n_posts].posts_bits;
    } else {
        entry = lookup(t->posts_part, posts);
        if (entry == NULL || !PyTuple_CheckExact(entry) || PyTuple_GET_SIZE(entry) != 2
            || !as_double(PyTuple_GET_ITEM(entry, 0), &z) || !as_long(PyTuple_GET_ITEM(entry, 1), &part_bits))
            return SLOW;
        bits |= part_bits;
    }
    PyObject *following = v[F_FOLLOWING];
    if (following != Py_None) {
        PyObject *followed_by = v[F_FOLLOWED_BY];
        Py_ssize_t n_following = count_index(t, following), n_followed_by = count_index(t, followed_by);
        if (followed_by != Py_None && n_following >= 0 && n_followed_by >= 0
            && t->count[n_followed_by].exact_ratio) {
            const struct count *c = &t->count[n_following];
            z += c->following_z;
            z += t->count[n_followed_by].followed_by_z;
            bits |= c->mass_bits | t->o_ratio;
            if (c->floor && (double)n_following >= t->count[n_followed_by].ratio_at) bits |= t->b_ratio;
        } else if (followed_by == Py_None && n_following >= 0) {
            z += t->count[n_following].alone_z;
            bits |= t->count[n_following].mass_bits;
        } else if (followed_by != Py_None) {
            if (!PyLong_CheckExact(following) || !PyLong_CheckExact(followed_by)) return SLOW;
            PyObject *fp = lookup(t->following_part, following);
            PyObject *fb = lookup(t->followed_by_part, followed_by);
            if (fp == NULL || fb == NULL || !PyTuple_CheckExact(fp) || PyTuple_GET_SIZE(fp) != 3
                || !PyTuple_CheckExact(fb) || PyTuple_GET_SIZE(fb) != 2)
                return SLOW;
            long mass_bits;
            double followed_by_z;
            if (!as_double(PyTuple_GET_ITEM(fp, 0), &term) || !as_long(PyTuple_GET_ITEM(fp, 1), &mass_bits)
                || !as_double(PyTuple_GET_ITEM(fb, 0), &followed_by_z))
                return SLOW;
            z += term;
            z += followed_by_z;
            bits |= mass_bits | t->o_ratio;
            int floor = truth(PyTuple_GET_ITEM(fp, 2));
            if (floor < 0) return SLOW;
            if (floor) {
                int above = PyObject_RichCompareBool(following, PyTuple_GET_ITEM(fb, 1), Py_GE);
                if (above < 0) {
                    PyErr_Clear();
                    return SLOW;
                }
                if (above) bits |= t->b_ratio;
            }
        } else {
            PyObject *ap = lookup(t->alone_part, following);
            long mass_bits;
            if (ap == NULL || !PyTuple_CheckExact(ap) || PyTuple_GET_SIZE(ap) != 2
                || !as_double(PyTuple_GET_ITEM(ap, 0), &term) || !as_long(PyTuple_GET_ITEM(ap, 1), &mass_bits))
                return SLOW;
            z += term;
            bits |= mass_bits;
        }
    }
    PyObject *is_private = v[F_PRIVATE];
    if (is_private == Py_False) {
        bits |= t->o_private;
    } else {
        int private_ = truth(is_private);
        if (private_ < 0) return SLOW;
        if (private_ && posts != Py_None) {
            int empty = PyObject_RichCompareBool(posts, t->zero, Py_EQ);
            if (empty < 0) {
                PyErr_Clear();
                return SLOW;
            }
            bits |= t->o_private | (empty ? t->b_private : 0);
        }
    }
    if (!name_part(t, v[F_USERNAME], &bits, &z)) return SLOW;
    PyObject *last_active = v[F_LAST_ACTIVE], *created = v[F_CREATED], *joined_text = v[F_JOINED];
    int has_joined = truth(joined_text), has_last = truth(last_active), has_created = truth(created);
    if (has_joined < 0 || has_last < 0 || has_created < 0) return SLOW;
    if (has_joined && (has_last || has_created)) {
        long long joined;
        if (!parse_instant(joined_text, &joined)) return SLOW;
        if (has_last && joined <= t->never_active_before_us) {
            bits |= t->o_inactive;
            if (!PyUnicode_CheckExact(last_active)) return SLOW;
            Py_ssize_t n = PyUnicode_GET_LENGTH(last_active);
            int inactive;
            if (n == PyUnicode_GET_LENGTH(joined_text) && PyUnicode_READ_CHAR(last_active, 10)
                == PyUnicode_READ_CHAR(joined_text, 10)) {
                int same_suffix; /* joined_text parsed: it is ASCII, so an equal tail is ASCII too */
                if (PyUnicode_IS_ASCII(last_active)) {
                    same_suffix = memcmp(PyUnicode_1BYTE_DATA(last_active) + 19, PyUnicode_1BYTE_DATA(joined_text) + 19,
                                         (size_t)(n - 19)) == 0;
                } else {
                    same_suffix = 0;
                }
                if (same_suffix) {
                    inactive = PyUnicode_Compare(last_active, joined_text) <= 0; /* the text sorts as the time */
                } else {
                    long long last;
                    if (!parse_instant(last_active, &last)) return SLOW;
                    inactive = last <= joined;
                }
            } else {
                long long last;
                if (!parse_instant(last_active, &last)) return SLOW;
                inactive = last <= joined;
            }
            if (inactive) bits |= t->b_inactive;
        }
        if (has_created) {
            long long made;
            if (!parse_instant(created, &made)) return SLOW;
            long long age = joined - made;
            if (age >= 0) bits |= t->o_new | (age <= t->new_account_us ? t->b_new : 0);
        }
    }
    long observed = bits >> t->shift;
    if (observed >= PyTuple_GET_SIZE(t->offset)) return SLOW;
    double off, bin;
    if (!as_double(PyTuple_GET_ITEM(t->offset, observed), &off)
        || !as_double(PyTuple_GET_ITEM(t->binary, bits & t->mask), &bin))
        return SLOW;
    z += off + bin;
    int unknown = truth(PyTuple_GET_ITEM(t->unknown, observed));
    if (unknown < 0) return SLOW;
    long verdict = unknown ? t->unknown_v : z >= t->cut ? t->suspicious_v : t->genuine_v;
    return ((long long)verdict << t->verdict_shift) | bits;
}

/* The count tables as arrays (see Tables.count); 0 (an error set) when they are not what scan builds. */
static int count_arrays(Tables *t) {
    Py_ssize_t n = PyDict_GET_SIZE(t->following_part);
    t->count = PyMem_Calloc(n > 0 ? n : 1, sizeof(struct count));
    if (t->count == NULL) {
        PyErr_NoMemory();
        return 0;
    }
    t->counts = n;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key = PyLong_FromSsize_t(i);
        if (key == NULL) return 0;
        PyObject *pp = PyDict_GetItemWithError(t->posts_part, key), *fp = PyDict_GetItemWithError(t->following_part, key);
        PyObject *ap = PyDict_GetItemWithError(t->alone_part, key), *fb = PyDict_GetItemWithError(t->followed_by_part, key);
        Py_DECREF(key);
        struct count *c = &t->count[i];
        if (pp == NULL || fp == NULL || ap == NULL || fb == NULL || !PyTuple_CheckExact(pp) || PyTuple_GET_SIZE(pp) != 2
            || !PyTuple_CheckExact(fp) || PyTuple_GET_SIZE(fp) != 3 || !PyTuple_CheckExact(ap)
            || PyTuple_GET_SIZE(ap) != 2 || !PyTuple_CheckExact(fb) || PyTuple_GET_SIZE(fb) != 2) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "bot-followers' count tables are not scan's");
            return 0;
        }
        long alone_bits;
        if (!as_double(PyTuple_GET_ITEM(pp, 0), &c->posts_z) || !as_long(PyTuple_GET_ITEM(pp, 1), &c->posts_bits)
            || !as_double(PyTuple_GET_ITEM(fp, 0), &c->following_z) || !as_long(PyTuple_GET_ITEM(fp, 1), &c->mass_bits)
            || !as_double(PyTuple_GET_ITEM(ap, 0), &c->alone_z) || !as_long(PyTuple_GET_ITEM(ap, 1), &alone_bits)
            || !as_double(PyTuple_GET_ITEM(fb, 0), &c->followed_by_z) || alone_bits != c->mass_bits) {
            PyErr_SetString(PyExc_ValueError, "bot-followers' count tables are not scan's");
            return 0;
        }
        c->floor = PyObject_IsTrue(PyTuple_GET_ITEM(fp, 2));
        if (c->floor < 0) return 0;
        PyObject *ratio = PyTuple_GET_ITEM(fb, 1);
        /* a float, or an int a double holds exactly: compared in C as Python compares them; else as objects */
        c->exact_ratio = PyFloat_CheckExact(ratio);
        if (c->exact_ratio) c->ratio_at = PyFloat_AS_DOUBLE(ratio);
    }
    return 1;
}

static int unpack(PyObject *tables, Tables *t) {
    PyObject *shape_table;
    if (!PyArg_ParseTuple(tables, "O!O!lO!O!O!O!O!OO!llllllllLLO!O!O!dilllllO!O!OOS:tables", &PyDict_Type,
                          &t->avatar_bits, &PyDict_Type, &t->bio_bits, &t->o_bio, &PyDict_Type, &t->posts_part,
                          &PyDict_Type, &t->following_part, &PyDict_Type, &t->alone_part, &PyDict_Type,
                          &t->followed_by_part, &PyDict_Type, &t->shapes, &t->new_shape, &PyUnicode_Type,
                          &t->default_prefix, &t->o_ratio, &t->b_ratio, &t->o_private, &t->b_private,
                          &t->o_inactive, &t->b_inactive, &t->o_new, &t->b_new, &t->never_active_before_us,
                          &t->new_account_us, &PyTuple_Type, &t->offset, &PyTuple_Type, &t->binary, &PyTuple_Type,
                          &t->unknown, &t->cut, &t->shift, &t->mask, &t->unknown_v, &t->genuine_v,
                          &t->suspicious_v, &t->dead_v, &PyFrozenSet_Type, &t->dead_statuses, &PyTuple_Type,
                          &t->suffixes, &t->target_countries, &t->zero, &shape_table))
        return 0;
    if (!PyUnicode_IS_ASCII(t->default_prefix) || PyBytes_GET_SIZE(shape_table) != 256
        || PyTuple_GET_SIZE(t->binary) <= t->mask || PyTuple_GET_SIZE(t->unknown) != PyTuple_GET_SIZE(t->offset)) {
        PyErr_SetString(PyExc_ValueError, "bot-followers' native tables do not fit together");
        return 0;
    }
    t->prefix_length = PyUnicode_GET_LENGTH(t->default_prefix);
    memcpy(t->shape, PyBytes_AS_STRING(shape_table), 256);
    t->verdict_shift = 2 * t->shift;
    return count_arrays(t);
}

static void release(Tables *t) {
    cache_free(&t->shape_cache);
    cache_free(&t->day_cache);
    PyMem_Free(t->count);
}

static PyObject *judge(PyObject *self, PyObject *args) {
    PyObject *followers, *tables;
    Tables t;
    if (!PyArg_ParseTuple(args, "O!O!:judge", &PyList_Type, &followers, &PyTuple_Type, &tables)) return NULL;
    memset(&t, 0, sizeof t);
    if (!unpack(tables, &t)) {
        release(&t);
        return NULL;
    }
    if (!cache_init(&t.shape_cache) || !cache_init(&t.day_cache)) {
        release(&t);
        return PyErr_NoMemory();
    }
    Py_ssize_t n = PyList_GET_SIZE(followers);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!PyDict_Check(PyList_GET_ITEM(followers, i))) { /* not JSON objects: Python's pass */
            release(&t);
            Py_RETURN_NONE;
        }
    PyObject *keys = PyList_New(n), *days = PyList_New(n), *slow = PyList_New(0), *later = PyList_New(0);
    PyObject *out = PyList_New(0);
    Py_ssize_t with_status = 0, with_country = 0;
    /* the follower and its values, held for the follower's turn: a hash, == or bool() called on them may change
     * the dict or the list (Python's loop holds them too) */
    PyObject *follower = NULL, *v[N_FIELDS];
    int held = 0; /* of v */
    if (keys == NULL || days == NULL || slow == NULL || later == NULL || out == NULL) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        follower = PyList_GET_ITEM(followers, i);
        Py_INCREF(follower);
        if (!PyDict_Check(follower)) goto changed;
        for (; held < N_FIELDS; held++) {
            v[held] = field(follower, held);
            if (v[held] == NULL) goto fail;
            Py_INCREF(v[held]);
        }
        if (v[F_STATUS] != Py_None) {
            with_status++;
        } else {
            int given = PyDict_Contains(follower, FIELDS[F_STATUS]);
            if (given < 0) goto fail;
            with_status += given;
        }
        int dead = v[F_STATUS] == Py_None ? 0 : PySequence_Contains(t.dead_statuses, v[F_STATUS]); /* `in`: a set as a frozenset */
        if (dead < 0) goto fail; /* an unhashable status: scan's loop raises the same TypeError */
        long long key = dead ? (long long)t.dead_v << t.verdict_shift : judge_one(&t, v);
        if (key == FAIL) goto fail;
        PyObject *item = PyLong_FromLongLong(key);
        if (item == NULL) goto fail;
        PyList_SET_ITEM(keys, i, item);
        if (key == SLOW) {
            PyObject *index = PyLong_FromSsize_t(i);
            if (index == NULL || PyList_Append(slow, index) < 0) {
                Py_XDECREF(index);
                goto fail;
            }
            Py_DECREF(index);
        }
        /* the calendar day of joined_at: its first ten characters when it ends in the snapshot's offset */
        PyObject *joined = v[F_JOINED], *day = Py_None;
        int has_joined = PyObject_IsTrue(joined);
        if (has_joined < 0) goto fail;
        if (has_joined) {
            int suffix = 0;
            if (PyUnicode_CheckExact(joined)) {
                for (Py_ssize_t s = 0; s < PyTuple_GET_SIZE(t.suffixes) && !suffix; s++) {
                    Py_ssize_t m = PyUnicode_Tailmatch(joined, PyTuple_GET_ITEM(t.suffixes, s), 0, PY_SSIZE_T_MAX, 1);
                    if (m < 0) goto fail;
                    suffix = (int)m;
                }
            }
            if (suffix && PyUnicode_IS_ASCII(joined) && PyUnicode_GET_LENGTH(joined) >= 10) {
                const unsigned char *s = PyUnicode_1BYTE_DATA(joined);
                uint64_t h = fnv1a(s, 10);
                day = cache_get(&t.day_cache, s, 10, h);
                if (day == NULL) {
                    day = PyUnicode_Substring(joined, 0, 10);
                    if (day == NULL || !cache_put(&t.day_cache, day, day, h)) {
                        Py_XDECREF(day);
                        goto fail;
                    }
                    Py_DECREF(day);
                }
                Py_INCREF(day);
            } else if (suffix) {
                day = PyUnicode_Substring(joined, 0, 10);
                if (day == NULL) goto fail;
            } else {
                PyObject *index = PyLong_FromSsize_t(i); /* converted in Python (or refused as there) */
                if (index == NULL || PyList_Append(later, index) < 0) {
                    Py_XDECREF(index);
                    goto fail;
                }
                Py_DECREF(index);
                Py_INCREF(Py_None);
            }
        } else {
            Py_INCREF(Py_None);
        }
        PyList_SET_ITEM(days, i, day);
        if (t.target_countries != Py_None) {
            PyObject *country = v[F_COUNTRY];
            int has_country = PyObject_IsTrue(country);
            if (has_country < 0) goto fail;
            if (has_country) {
                with_country++;
                int inside = PySequence_Contains(t.target_countries, country);
                if (inside < 0) goto fail;
                if (!inside) {
                    PyObject *index = PyLong_FromSsize_t(i);
                    if (index == NULL || PyList_Append(out, index) < 0) {
                        Py_XDECREF(index);
                        goto fail;
                    }
                    Py_DECREF(index);
                }
            }
        }
        for (; held > 0; held--) Py_DECREF(v[held - 1]);
        Py_CLEAR(follower);
        if (PyList_GET_SIZE(followers) != n) goto changed;
    }
    release(&t);
    return Py_BuildValue("NNNNNnn", keys, days, slow, later, out, with_status, with_country);
changed:
    PyErr_SetString(PyExc_RuntimeError, "bot-followers: the followers changed during the pass");
fail:
    for (; held > 0; held--) Py_DECREF(v[held - 1]);
    Py_XDECREF(follower);
    release(&t);
    Py_XDECREF(keys);
    Py_XDECREF(days);
    Py_XDECREF(slow);
    Py_XDECREF(later);
    Py_XDECREF(out);
    return NULL;
}

/* Whether math.log, math.log1p or math.exp, given x, raises where the C library's function gives r: as the math
 * module's math_1 tells, a NaN from a number (log of a negative number) or an infinity from a finite number (log(0),
 * log1p(-1): ValueError; exp(1000): OverflowError). The exception is then set. */
static int math_error(double x, double r, int can_overflow) {
    if (isnan(r) && !isnan(x)) {
        PyErr_SetString(PyExc_ValueError, "math domain error");
        return 1;
    }
    if (isinf(r) && isfinite(x)) {
        PyErr_SetString(can_overflow ? PyExc_OverflowError : PyExc_ValueError,
                        can_overflow ? "math range error" : "math domain error");
        return 1;
    }
    return 0;
}

/* One weight of the walk, exp(a * log(q) + b * log1p(-q) - top), or -1 with the exception math raises. */
static double weight(double q, double a, double b, double top) {
    double lq = log(q);
    if (math_error(q, lq, 0)) return -1.0;
    double l1 = log1p(-q);
    if (math_error(-q, l1, 0)) return -1.0;
    volatile double x = a * lq;
    volatile double y = b * l1;
    double z = x + y - top;
    double w = exp(z);
    if (math_error(z, w, 1)) return -1.0;
    return w;
}

/* weight() at grid point j: q = f + (j + 0.5) / grid * span, the product volatile, rounded on its own as Python
 * rounds each operation. */
static double grid_weight(double a, double b, double f, double span, double top, Py_ssize_t j, Py_ssize_t grid) {
    volatile double product = (((double)j + 0.5) / (double)grid) * span;
    return weight(f + product, a, b, top);
}

/* One draw of _bot_share.corrected's interval: the posterior of the fake share on the grid, walked out from its mode
 * while it matters and added into `mass`, with the same floating-point operations in the same order as the Python
 * loop (math.log, math.log1p and math.exp are the C library's log, log1p and exp, raising where math raises:
 * weight; each product is stored before it is added, so that no multiply-add is fused). The draw's total is summed
 * by `summer` (the builtin sum, whose rounding is the Python version's own). The tests compare it with the Python
 * loop bit for bit. */
static PyObject *add_draw(PyObject *self, PyObject *args) {
    PyObject *mass, *summer;
    Py_ssize_t flagged, missed, mode;
    double f, span, top;
    if (!PyArg_ParseTuple(args, "O!nndddnO", &PyList_Type, &mass, &flagged, &missed, &f, &span, &top, &mode, &summer))
        return NULL;
    Py_ssize_t grid = PyList_GET_SIZE(mass);
    if (mode < 0 || mode >= grid) {
        PyErr_SetString(PyExc_ValueError, "the mode is off the grid");
        return NULL;
    }
    double *walked = PyMem_Malloc((size_t)grid * sizeof(double)); /* left from the mode, then right */
    if (walked == NULL) return PyErr_NoMemory();
    double a = (double)flagged, b = (double)missed;
    Py_ssize_t left = 0, right = 0;
    PyObject *terms = NULL, *sum = NULL;
    for (Py_ssize_t j = mode - 1; j >= 0; j--) {
        double w = grid_weight(a, b, f, span, top, j, grid);
        if (w == -1.0 && PyErr_Occurred()) goto done;
        if (w < 1e-12) break;
        walked[left++] = w;
    }
    for (Py_ssize_t j = mode + 1; j < grid; j++) {
        double w = grid_weight(a, b, f, span, top, j, grid);
        if (w == -1.0 && PyErr_Occurred()) goto done;
        if (w < 1e-12) break;
        walked[left + right++] = w;
    }
    terms = PyList_New(1 + left + right);
    if (terms == NULL) goto done;
    PyList_SET_ITEM(terms, 0, PyFloat_FromDouble(1.0));
    for (Py_ssize_t k = 0; k < left + right; k++) PyList_SET_ITEM(terms, 1 + k, PyFloat_FromDouble(walked[k]));
    for (Py_ssize_t k = 0; k <= left + right; k++) {
        if (PyList_GET_ITEM(terms, k) == NULL) goto done;
    }
    sum = PyObject_CallOneArg(summer, terms);
    if (sum == NULL) goto done;
    double total = PyFloat_AsDouble(sum);
    if (total == -1.0 && PyErr_Occurred()) goto done;
    if (total == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        goto done;
    }
    for (Py_ssize_t k = 0; k <= left + right; k++) {
        Py_ssize_t at = k == 0 ? mode : k <= left ? mode - k : mode + (k - left);
        double w = k == 0 ? 1.0 : walked[k - 1];
        if (at >= PyList_GET_SIZE(mass)) { /* a cell's __float__ emptied the list: as mass[at] would say */
            PyErr_SetString(PyExc_IndexError, "list index out of range");
            goto done;
        }
        double was = PyFloat_AsDouble(PyList_GET_ITEM(mass, at));
        if (was == -1.0 && PyErr_Occurred()) goto done;
        PyObject *now = PyFloat_FromDouble(was + w / total);
        if (now == NULL || PyList_SetItem(mass, at, now) < 0) goto done; /* SetItem takes `now` even on failure */
    }
    PyMem_Free(walked);
    Py_DECREF(terms);
    Py_DECREF(sum);
    Py_RETURN_NONE;
done:
    PyMem_Free(walked);
    Py_XDECREF(terms);
    Py_XDECREF(sum);
    return NULL;
}

static PyMethodDef METHODS[] = {
    {"judge", judge, METH_VARARGS,
     "judge(followers, tables) -> (keys, days, slow, later, out_of_region, with_status, with_country)"},
    {"add_draw", add_draw, METH_VARARGS, "add_draw(mass, flagged, missed, f, span, top, mode, sum): one draw's posterior"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_bot_scan",
                                    "bot-followers' per-follower pass and one draw of its interval, in C.",
                                    -1, METHODS};

PyMODINIT_FUNC PyInit__bot_scan(void) {
    for (int k = 0; k < N_FIELDS; k++) {
        FIELDS[k] = PyUnicode_InternFromString(FIELD_NAMES[k]);
        if (FIELDS[k] == NULL) return NULL;
    }
    return PyModule_Create(&MODULE);
}
