/*
 * mw-queue-scan-fast - the queue scans of mw-queue-scan, compiled.
 *
 * mw-queue-scan (Perl) stays the program the console runs through sudo; for
 * a full scan or a refresh (--since-list) it hands over to this binary when
 * one is installed beside it (root-owned, not writable by anyone else),
 * after printing the #hello line itself. Output is the same protocol, field
 * for field, so the console cannot tell the two apart but by speed: the Perl
 * reader spends ~40 us of CPU per message decoding records, this one ~2, so
 * a scan costs what reading the files costs (300k messages: 8.4 s against
 * 2.4 s on the lab).
 *
 * Workers (fork, one pipe each; the parent relays whole lines) split the
 * queues: a top hash directory belongs to one worker, a file in a flat queue
 * to the worker its id's last character picks. In a refresh the workers
 * list their directories while the parent is still receiving the known ids,
 * then get a copy of the parent's table and send back which ids they found;
 * the parent prints "#gone" for what none of them found.
 *
 * Usage (cwd = the Postfix queue directory, as the Perl reader leaves it):
 *   mw-queue-scan-fast WORKERS DEFER_HASH_DEPTH [--since-list]
 * DEFER_HASH_DEPTH is 0 when defer/ is not hashed. With --since-list, STDIN
 * holds the ids the console has, per queue ("#q <queue>" then one id per
 * line; version 1's "id queue mtime" lines are read too), and only new or
 * moved messages are parsed, known ones missing are "#gone" -- see the Perl
 * reader's header for why the directory listing is enough. Nothing else is
 * read from the caller; the queue names and every path are fixed here.
 *
 * Every record is bounds-checked against the file; a file that does not
 * parse is reported as "#error" and the scan goes on. Nothing planted in a
 * queue makes it follow a link or wait: directories are opened one name at
 * a time with O_NOFOLLOW, files with O_NOFOLLOW|O_NONBLOCK, and only a
 * regular file is read (anything else is an "#error" too). Keep the semantics in
 * step with read_records() and first_reason() in mw-queue-scan: the
 * integration tests run both readers over the same queues and compare.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define FIRST_READ 16384
/* The Perl reader's limit too: one record larger than this is a damaged file. */
#define MAX_RECORD (16 * 1024 * 1024)
#define MAX_JUMPS 10000
#define MAX_DOMAINS 8
#define SEEN_EVERY 2000
#define OUT_FLUSH 65536
#define MAX_WORKERS 4

static const char *const QUEUES[] = {"incoming", "active", "deferred", "hold", "maildrop"};

/* ---- output buffer ---------------------------------------------------- */

static int out_fd;
static char *out;
static size_t out_len, out_cap;

static void out_reserve(size_t n) {
  if (out_len + n <= out_cap) return;
  while (out_len + n > out_cap) out_cap = out_cap ? out_cap * 2 : 1 << 17;
  out = realloc(out, out_cap);
  if (!out) _exit(4);
}

static void put(const char *s, size_t n) {
  out_reserve(n);
  memcpy(out + out_len, s, n);
  out_len += n;
}

static void puts0(const char *s) { put(s, strlen(s)); }

static void putc1(char c) {
  out_reserve(1);
  out[out_len++] = c;
}

static void put_u(unsigned long long v) {
  char b[24];
  int i = sizeof b;
  do b[--i] = (char)('0' + v % 10); while ((v /= 10) && i > 0);
  put(b + i, sizeof b - i);
}

/* Strings in "#s" lines: \ TAB CR LF become \\ \t \r \n. */
static void put_escaped(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\\') put("\\\\", 2);
    else if (c == '\t') put("\\t", 2);
    else if (c == '\r') put("\\r", 2);
    else if (c == '\n') put("\\n", 2);
    else putc1(c);
  }
}

static void write_all(int fd, const char *s, size_t n) {
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) _exit(3);
    s += w;
    n -= (size_t)w;
  }
}

static void flush_out(void) {
  write_all(out_fd, out, out_len);
  out_len = 0;
}

/* ---- string ids: "#s <sid> <string>" the first time a string is used ---- */

struct str {
  struct str *next;
  long sid; /* -1 until printed */
  unsigned long mark; /* the message that last counted this domain ... */
  size_t mark_at;     /* ... and where in its domain list */
  size_t len;
  uint64_t hash;
  char s[];
};

static struct str **str_tab;
static size_t str_cap, str_count;
static long next_sid, sid_step;

static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return h;
}

static void str_grow(void) {
  size_t cap = str_cap ? str_cap * 2 : 1 << 16;
  struct str **tab = calloc(cap, sizeof *tab);
  if (!tab) _exit(4);
  for (size_t i = 0; i < str_cap; i++) {
    for (struct str *e = str_tab[i], *nx; e; e = nx) {
      nx = e->next;
      e->next = tab[e->hash & (cap - 1)];
      tab[e->hash & (cap - 1)] = e;
    }
  }
  free(str_tab);
  str_tab = tab;
  str_cap = cap;
}

static struct str *intern(const char *s, size_t n) {
  if (str_count * 2 >= str_cap) str_grow();
  uint64_t h = hash_bytes(s, n);
  struct str **slot = &str_tab[h & (str_cap - 1)];
  for (struct str *e = *slot; e; e = e->next)
    if (e->hash == h && e->len == n && memcmp(e->s, s, n) == 0) return e;
  struct str *e = malloc(sizeof *e + n + 1);
  if (!e) _exit(4);
  e->sid = -1;
  e->mark = 0;
  e->len = n;
  e->hash = h;
  memcpy(e->s, s, n);
  e->s[n] = 0;
  e->next = *slot;
  *slot = e;
  str_count++;
  return e;
}

static long sid_of(struct str *e) {
  if (e->sid < 0) {
    e->sid = next_sid;
    next_sid += sid_step;
    puts0("#s ");
    put_u((unsigned long long)e->sid);
    putc1(' ');
    put_escaped(e->s, e->len);
    putc1('\n');
  }
  return e->sid;
}

/* ---- one queue file ----------------------------------------------------- */

/* A window on the file: [base, base + len) is in buf. */
struct qfile {
  int fd;
  unsigned long long size;
  char *buf;
  size_t cap, len;
  unsigned long long base;
};

static char *file_buf;
static size_t file_cap;

/* Makes [pos, pos + n) available (n may be cut at end of file). 0 on a
 * read error or a request past the end. */
static int window(struct qfile *f, unsigned long long pos, size_t n) {
  if (pos >= f->size) return 0;
  if (n > f->size - pos) n = (size_t)(f->size - pos);
  if (pos >= f->base && pos + n <= f->base + f->len) return 1;
  size_t want = n < FIRST_READ ? FIRST_READ : n;
  if (want > f->size - pos) want = (size_t)(f->size - pos);
  if (want > file_cap) {
    file_buf = realloc(file_buf, want);
    if (!file_buf) _exit(4);
    file_cap = want;
  }
  f->buf = file_buf;
  f->cap = file_cap;
  size_t got = 0;
  while (got < want) {
    ssize_t r = pread(f->fd, f->buf + got, want - got, (off_t)(pos + got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return 0;
    if (r == 0) break;
    got += (size_t)r;
  }
  f->base = pos;
  f->len = got;
  return 1;
}

static const char *ATTR_NAMES[] = {"sasl_method", "sasl_username", "client_address", "log_client_address",
                                   "client_name", "log_client_name", "helo_name", "log_helo_name"};
enum { A_METHOD, A_USER, A_ADDR, A_LOG_ADDR, A_NAME, A_LOG_NAME, A_HELO, A_LOG_HELO, A_COUNT };

struct dom_count {
  struct str *dom;
  unsigned long count;
};

struct envelope {
  struct str *sender, *attr[A_COUNT];
  char arrival[24], size[24];
  int has_arrival, has_size;
  unsigned long rcpts;
  struct dom_count *doms;
  size_t ndoms, doms_cap;
};

static char err[160];
static unsigned long message_serial; /* 1 + files parsed so far */

static void count_domain(struct envelope *e, const char *to, size_t n) {
  /* domain_of(): after the last '@', lower case, anything outside
   * [a-z0-9._:[]-] as '?'; no '@' is the empty domain. */
  char d[1024];
  size_t at = n, dn = 0;
  for (size_t i = n; i > 0; i--)
    if (to[i - 1] == '@') {
      at = i - 1;
      break;
    }
  char *heap = NULL, *p = d;
  if (at < n) {
    dn = n - at - 1;
    if (dn > sizeof d) {
      heap = malloc(dn);
      if (!heap) _exit(4);
      p = heap;
    }
    for (size_t i = 0; i < dn; i++) {
      unsigned char c = (unsigned char)to[at + 1 + i];
      if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
      int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '[' ||
               c == ']' || c == '-';
      p[i] = ok ? (char)c : '?';
    }
  }
  struct str *s = intern(p, dn);
  free(heap);
  if (s->mark == message_serial) {
    e->doms[s->mark_at].count++;
    return;
  }
  s->mark = message_serial;
  s->mark_at = e->ndoms;
  if (e->ndoms == e->doms_cap) {
    e->doms_cap = e->doms_cap ? e->doms_cap * 2 : 16;
    e->doms = realloc(e->doms, e->doms_cap * sizeof *e->doms);
    if (!e->doms) _exit(4);
  }
  e->doms[e->ndoms].dom = s;
  e->doms[e->ndoms++].count = 1;
}

/* Leading "\s*(\d+)" of a record's data, as a digit string. */
static int leading_digits(const char *s, size_t n, size_t *at, char *dst, size_t dst_size) {
  size_t i = *at;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v')) i++;
  size_t start = i;
  while (i < n && s[i] >= '0' && s[i] <= '9') i++;
  if (i == start) return 0;
  if (dst) {
    size_t k = i - start < dst_size - 1 ? i - start : dst_size - 1;
    memcpy(dst, s + start, k);
    dst[k] = 0;
  }
  *at = i;
  return 1;
}

static unsigned long long to_ull(const char *s) {
  unsigned long long v = 0;
  for (; *s; s++) {
    if (v > (ULLONG_MAX - 9) / 10) return ULLONG_MAX;
    v = v * 10 + (unsigned long long)(*s - '0');
  }
  return v;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* The record reader of mw-queue-scan: a type byte, a little-endian base-128
 * length, the data (src/global/record.c). Follows pointer records, jumps over
 * the content. Returns 1, or 0 with err set. */
static int read_records(struct qfile *f, struct envelope *e) {
  unsigned long long pos = 0, data_off = 0, content_size = 0;
  int have_c = 0, seg = 0, jumps = 0;
  if (!window(f, 0, 1) || !strchr("CTcFILSDRO/WVA>K<ionM", f->buf[0]) || f->buf[0] == 0) {
    snprintf(err, sizeof err, "not a queue file");
    return 0;
  }
  for (;;) {
    if (pos >= f->size) {
      snprintf(err, sizeof err, "truncated file at offset %llu", pos);
      return 0;
    }
    if (!window(f, pos, 6)) {
      snprintf(err, sizeof err, "read: %s", strerror(errno));
      return 0;
    }
    const unsigned char *r = (const unsigned char *)f->buf + (pos - f->base);
    size_t avail = f->len - (size_t)(pos - f->base);
    if (avail == 0) {
      snprintf(err, sizeof err, "truncated file at offset %llu", pos);
      return 0;
    }
    char type = (char)r[0];
    unsigned long long len = 0;
    size_t hdr = 1;
    int shift = 0;
    for (;;) {
      if (hdr >= avail) {
        snprintf(err, sizeof err, "truncated length at offset %llu", pos);
        return 0;
      }
      unsigned b = r[hdr++];
      len += (unsigned long long)(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
      shift += 7;
      if (shift > 28) {
        snprintf(err, sizeof err, "bad length at offset %llu", pos);
        return 0;
      }
    }
    unsigned long long start = pos;
    pos += hdr + len;
    if (pos > f->size) {
      snprintf(err, sizeof err, "truncated record at offset %llu", start);
      return 0;
    }
    if (seg == 1 && type != 'p' && type != 'X' && type != 'E') {
      if (type == 'N' || type == 'L' || type == 'w' || type == 'K') continue;
      snprintf(err, sizeof err, "unexpected record in content at offset %llu", start);
      return 0;
    }
    if (len > MAX_RECORD) {
      snprintf(err, sizeof err, "record too long at offset %llu", start);
      return 0;
    }
    if (!window(f, start, hdr + len) || f->len - (size_t)(start - f->base) < hdr + len) {
      snprintf(err, sizeof err, "truncated record at offset %llu", start);
      return 0;
    }
    const char *d = f->buf + (start - f->base) + hdr;
    size_t n = (size_t)len;
    switch (type) {
    case 'p': {
      size_t i = 0;
      char digits[24];
      unsigned long long ptr;
      if (!leading_digits(d, n, &i, digits, sizeof digits)) goto bad_pointer;
      while (i < n && is_space(d[i])) i++;
      if (i != n) goto bad_pointer;
      ptr = to_ull(digits);
      if (ptr == 0) break;
      if (ptr >= f->size) {
        snprintf(err, sizeof err, "pointer outside the file");
        return 0;
      }
      if (++jumps > MAX_JUMPS) {
        snprintf(err, sizeof err, "too many pointer jumps");
        return 0;
      }
      pos = ptr;
      break;
    bad_pointer:
      snprintf(err, sizeof err, "bad pointer at offset %llu", start);
      return 0;
    }
    case 'R':
      e->rcpts++;
      count_domain(e, d, n);
      break;
    case 'A': {
      const char *eq = memchr(d, '=', n);
      if (eq && eq > d) {
        size_t nl = (size_t)(eq - d);
        for (int a = 0; a < A_COUNT; a++)
          if (strlen(ATTR_NAMES[a]) == nl && memcmp(d, ATTR_NAMES[a], nl) == 0) {
            e->attr[a] = intern(eq + 1, n - nl - 1);
            break;
          }
      }
      break;
    }
    case 'S':
      e->sender = intern(d, n);
      break;
    case 'C': {
      size_t i = 0;
      char cs[24], off[24];
      if (leading_digits(d, n, &i, cs, sizeof cs) && i < n && is_space(d[i]) &&
          leading_digits(d, n, &i, off, sizeof off) && i < n && is_space(d[i]) && leading_digits(d, n, &i, NULL, 0)) {
        content_size = to_ull(cs);
        data_off = to_ull(off);
        have_c = 1;
        memcpy(e->size, cs, sizeof cs);
        e->has_size = 1;
      }
      break;
    }
    case 'T': {
      size_t i = 0;
      if (leading_digits(d, n, &i, e->arrival, sizeof e->arrival)) e->has_arrival = 1;
      break;
    }
    case 'M':
      /* A second one (a damaged file) would jump back to the X record for
       * ever. */
      if (seg) {
        snprintf(err, sizeof err, "unexpected message record at offset %llu", start);
        return 0;
      }
      seg = 1;
      /* Jump over the content when the C record says where it ends and an X
       * record is really there (qmgr does the same); only forward. */
      if (have_c && data_off > 0 && content_size <= ULLONG_MAX - data_off) {
        unsigned long long x = data_off + content_size;
        if (x < f->size && x >= pos && window(f, x, 1) && f->buf[x - f->base] == 'X') pos = x;
      }
      break;
    case 'X':
      seg = 2;
      break;
    case 'E':
      return 1;
    }
  }
}

static unsigned long seen, parsed, errors, since_flush;
static int worker_no, workers, defer_depth;

/* ---- --since-list: what the console already has -------------------------- */

/* 8 bytes a slot: a 300k refresh's table stays in a few MB of cache-friendly
 * memory (building it is on the refresh's critical path). */
struct known {
  uint32_t off;      /* of the id in known_text, not NUL-terminated */
  unsigned char len; /* 0: empty slot */
  signed char queue; /* index in QUEUES, -1 for a name we do not walk */
};

static int since_list;
static char *known_text;
static size_t known_len;
static struct known *known_tab;
static size_t known_cap, known_count;
/* Per slot, found by this worker (each sends its own to the parent, which
 * reports "#gone" only for what no worker found, whoever walked where). */
static unsigned char *known_found;

static int queue_index(const char *s, size_t n) {
  for (size_t q = 0; q < sizeof QUEUES / sizeof *QUEUES; q++)
    if (strlen(QUEUES[q]) == n && memcmp(QUEUES[q], s, n) == 0) return (int)q;
  return -1;
}

static struct known *known_slot(const char *id, size_t n) {
  size_t i = hash_bytes(id, n) & (known_cap - 1);
  while (known_tab[i].len && !(known_tab[i].len == n && memcmp(known_text + known_tab[i].off, id, n) == 0))
    i = (i + 1) & (known_cap - 1);
  return &known_tab[i];
}

static struct known *known_find(const char *id, size_t n) {
  if (!known_cap || n > 64) return NULL;
  struct known *k = known_slot(id, n);
  return k->len ? k : NULL;
}

static int alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/* Ids of 6 to 64 letters and digits, as the Perl reader takes them; read by
 * the parent while the workers list their directories. */
static void load_known(void) {
  size_t lines = 1;
  for (size_t i = 0; i < known_len; i++) lines += known_text[i] == '\n';
  known_cap = 1024;
  while (known_cap < lines + lines / 2 + 2) known_cap *= 2;
  known_tab = calloc(known_cap, sizeof *known_tab);
  if (!known_tab) _exit(4);
  int v2 = known_len >= 3 && memcmp(known_text, "#q ", 3) == 0, queue = -1;
  for (size_t at = 0; at < known_len;) {
    const char *line = known_text + at;
    const char *nl = memchr(line, '\n', known_len - at);
    size_t n = nl ? (size_t)(nl - line) : known_len - at;
    at += n + 1;
    size_t idn = 0;
    while (idn < n && alnum(line[idn])) idn++;
    int q;
    if (v2) {
      if (n > 3 && memcmp(line, "#q ", 3) == 0) {
        queue = queue_index(line + 3, n - 3);
        continue;
      }
      if (idn != n || queue < 0) continue;
      q = queue;
    } else {
      /* "id queue mtime" */
      if (idn >= n || line[idn] != ' ') continue;
      const char *qs = line + idn + 1, *end = line + n, *sp = memchr(qs, ' ', (size_t)(end - qs));
      if (!sp || sp == qs || sp + 1 == end) continue;
      const char *d = sp + 1;
      while (d < end && *d >= '0' && *d <= '9') d++;
      if (d != end) continue;
      q = queue_index(qs, (size_t)(sp - qs));
    }
    if (idn < 6 || idn > 64) continue;
    struct known *k = known_slot(line, idn);
    if (!k->len) known_count++;
    k->off = (uint32_t)(line - known_text);
    k->len = (unsigned char)idn;
    k->queue = (signed char)q;
  }
}

/* The "#error" reason of a queue entry that is no regular file (a FIFO, a
 * socket, a device); mw-queue-scan says the same. */
static const char NOT_REGULAR[] = "not a regular file";

static void report_error(const char *queue, const char *id, const char *why) {
  errors++;
  puts0("#error ");
  puts0(queue);
  putc1(' ');
  puts0(id);
  putc1(' ');
  for (const char *p = why; *p; p++) putc1(*p == '\r' || *p == '\n' ? ' ' : *p);
  putc1('\n');
}

/* mail_queue.c's hash key of a queue id: a short id itself, a long one's
 * microseconds printed as %05X (the four characters before the last 'z',
 * at least six before those). NULL when those are not base 52: the Perl
 * reader then uses no hash directory at all. */
static const char *hash_key(const char *id, char key[16]) {
  size_t idlen = strlen(id);
  for (size_t i = 0; i < idlen; i++)
    if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'A' && id[i] <= 'F'))) {
      const char *z = strrchr(id, 'z');
      if (!z || !z[1] || z - id < 10) return id;
      static const char B52[] = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
      unsigned long us = 0;
      for (const char *c = z - 4; c < z; c++) {
        const char *hit = strchr(B52, *c);
        if (!hit) return NULL;
        us = us * 52 + (unsigned long)(hit - B52);
      }
      snprintf(key, 16, "%05lX", us);
      return key;
    }
  return id;
}

static int open_dir_at(int at, const char *name) {
  return openat(at, name, O_RDONLY | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW);
}

/* defer/ and its first-level hash directories, opened once per worker (fd + 1
 * in defer_hash; 0: not yet). A failed open is tried again next time: the
 * directory may appear during the scan. */
static int defer_top = -1, defer_hash[256];

/* The defer logfile of id: defer/, then the hash directories of the id, each
 * opened with O_NOFOLLOW like the walk's, so a link in place of any of them
 * is not followed (nor is one in place of the file); O_NONBLOCK: a FIFO
 * there answers at once instead of hanging the worker. -1 if there is none. */
static int open_defer_log(const char *id) {
  if (defer_top < 0 && (defer_top = open_dir_at(AT_FDCWD, "defer")) < 0) return -1;
  char key[16];
  const char *k = hash_key(id, key);
  size_t klen = k ? strlen(k) : 0;
  int dir = defer_top, owned = -1;
  for (int i = 0; k && i < defer_depth && (size_t)i < klen; i++) {
    char name[2] = {k[i], 0};
    int *slot = i == 0 ? &defer_hash[(unsigned char)k[i]] : NULL;
    int next = slot && *slot ? *slot - 1 : open_dir_at(dir, name);
    if (owned >= 0) close(owned);
    owned = -1;
    if (next < 0) return -1;
    if (slot) *slot = next + 1;
    else owned = next;
    dir = next;
  }
  int fd = openat(dir, id, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK);
  if (owned >= 0) close(owned);
  return fd;
}

/* First "reason=" line (or "<rcpt>: reason" of old logs) of the defer log. */
static struct str *first_reason(const char *id) {
  char text[2048];
  int fd = open_defer_log(id);
  if (fd < 0) return NULL;
  /* Anything but a regular file (a FIFO someone holds open, a device) is no
   * defer log: no reason, as when there is none. */
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return NULL;
  }
  ssize_t n;
  do n = read(fd, text, sizeof text); while (n < 0 && errno == EINTR);
  close(fd);
  if (n <= 0) return NULL;
  for (ssize_t line = 0; line < n;) {
    const char *eol = memchr(text + line, '\n', (size_t)(n - line));
    ssize_t end = eol ? eol - text : n;
    ssize_t v = -1;
    if (end - line >= 7 && memcmp(text + line, "reason=", 7) == 0) {
      v = line + 7;
    } else if (text[line] == '<') {
      ssize_t i = line + 1;
      while (i < end && text[i] != '>') i++;
      if (i + 2 < n && i < end && text[i + 1] == ':' && text[i + 2] == ' ') v = i + 3;
    }
    if (v >= 0) return intern(text + v, (size_t)(end - v));
    line = end + 1;
  }
  return NULL;
}

static int by_count_then_name(const void *a, const void *b) {
  const struct dom_count *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  size_t n = x->dom->len < y->dom->len ? x->dom->len : y->dom->len;
  int c = memcmp(x->dom->s, y->dom->s, n);
  if (c) return c;
  return x->dom->len < y->dom->len ? -1 : x->dom->len > y->dom->len;
}

static void put_sid(struct str *s) {
  if (s) put_u((unsigned long long)sid_of(s));
}

static void emit(const char *queue, const char *id, const char *mtime, struct envelope *e, struct str *reason,
                 const char *flags) {
  size_t nd = e->ndoms;
  if (nd > 1) qsort(e->doms, nd, sizeof *e->doms, by_count_then_name);
  if (nd > MAX_DOMAINS) nd = MAX_DOMAINS;
  /* Strings first: their "#s" lines must come before the row. */
  struct str *fields[6] = {e->sender, e->attr[A_METHOD], e->attr[A_USER],
                           e->attr[A_LOG_ADDR] ? e->attr[A_LOG_ADDR] : e->attr[A_ADDR],
                           e->attr[A_LOG_NAME] ? e->attr[A_LOG_NAME] : e->attr[A_NAME],
                           e->attr[A_LOG_HELO] ? e->attr[A_LOG_HELO] : e->attr[A_HELO]};
  for (int i = 0; i < 6; i++)
    if (fields[i]) sid_of(fields[i]);
  for (size_t i = 0; i < nd; i++) sid_of(e->doms[i].dom);
  if (reason) sid_of(reason);
  puts0(queue);
  putc1('\t');
  puts0(id);
  putc1('\t');
  puts0(mtime);
  putc1('\t');
  if (e->has_arrival) puts0(e->arrival);
  putc1('\t');
  if (e->has_size) puts0(e->size);
  for (int i = 0; i < 6; i++) {
    putc1('\t');
    put_sid(fields[i]);
  }
  putc1('\t');
  put_u(e->rcpts);
  putc1('\t');
  for (size_t i = 0; i < nd; i++) {
    if (i) putc1(',');
    put_sid(e->doms[i].dom);
    putc1('=');
    put_u(e->doms[i].count);
  }
  putc1('\t');
  put_sid(reason);
  putc1('\t');
  puts0(flags);
  putc1('\n');
}

static struct envelope env;

static void reset_envelope(struct envelope *e) {
  message_serial++;
  struct dom_count *doms = e->doms;
  size_t cap = e->doms_cap;
  memset(e, 0, sizeof *e);
  e->doms = doms;
  e->doms_cap = cap;
}

/* path: relative to dirfd; name: the queue id. */
static void one_file(const char *queue, int dirfd, const char *path, const char *name) {
  /* Never follow a link, never wait on a FIFO: whatever is planted in a
   * queue directory, the worker reads on. Only a regular file is read (the
   * fstat below); anything else is an "#error", like a file it cannot open. */
  int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK);
  char mtime[24] = "";
  reset_envelope(&env);
  if (fd < 0) {
    /* Gone between readdir and open: if it moved on, the walk of its new
     * queue finds it again. */
    if (errno == ENOENT) {
      struct known *k = since_list ? known_find(name, strlen(name)) : NULL;
      if (k) known_found[k - known_tab] = 0;
      return;
    }
    if (strcmp(queue, "maildrop") == 0 && errno == EACCES) {
      /* postdrop files belong to the user who submitted them: list them. */
      struct stat st;
      if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (!S_ISREG(st.st_mode)) {
          report_error(queue, name, NOT_REGULAR);
          return;
        }
        snprintf(mtime, sizeof mtime, "%lld", (long long)st.st_mtime);
        memcpy(env.arrival, mtime, sizeof mtime);
        env.has_arrival = 1;
        snprintf(env.size, sizeof env.size, "%lld", (long long)st.st_size);
        env.has_size = 1;
        emit(queue, name, mtime, &env, NULL, "unreadable");
      }
      return;
    }
    char why[120];
    snprintf(why, sizeof why, "open: %s", strerror(errno));
    report_error(queue, name, why);
    return;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    char why[120];
    snprintf(why, sizeof why, "fstat: %s", strerror(errno));
    close(fd);
    report_error(queue, name, why);
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    report_error(queue, name, NOT_REGULAR);
    return;
  }
  struct qfile f = {.fd = fd, .buf = file_buf, .cap = file_cap};
  long long known_size = -1;
  if (strcmp(queue, "incoming") == 0) {
    /* A file cleanup is still writing is not yet executable
     * (MAIL_QUEUE_STAT_READY). */
    if (!(st.st_mode & 0100)) {
      close(fd);
      return;
    }
    snprintf(mtime, sizeof mtime, "%lld", (long long)st.st_mtime);
    known_size = (long long)st.st_size;
  }
  size_t want = known_size >= 0 && known_size < 65536 ? (known_size ? (size_t)known_size : 1) : FIRST_READ;
  if (want > file_cap) {
    file_buf = realloc(file_buf, want);
    if (!file_buf) _exit(4);
    file_cap = want;
  }
  ssize_t n;
  do n = read(fd, file_buf, want); while (n < 0 && errno == EINTR);
  if (n <= 0) {
    char why[120];
    if (n < 0) snprintf(why, sizeof why, "read: %s", strerror(errno));
    else snprintf(why, sizeof why, "empty file");
    close(fd);
    report_error(queue, name, why);
    return;
  }
  f.buf = file_buf;
  f.cap = file_cap;
  f.len = (size_t)n;
  f.base = 0;
  if (known_size >= 0) {
    f.size = (unsigned long long)known_size;
  } else if ((size_t)n < FIRST_READ) {
    f.size = (unsigned long long)n;
  } else {
    f.size = (unsigned long long)st.st_size;
  }
  int ok = read_records(&f, &env);
  close(fd);
  if (!ok) {
    report_error(queue, name, err);
    return;
  }
  if (!env.has_size) {
    snprintf(env.size, sizeof env.size, "%llu", f.size);
    env.has_size = 1;
  }
  int has_defer_log = !strcmp(queue, "active") || !strcmp(queue, "deferred") || !strcmp(queue, "hold");
  struct str *reason = has_defer_log ? first_reason(name) : NULL;
  parsed++;
  emit(queue, name, mtime, &env, reason, "");
}

static void flush_progress(void) {
  puts0("#seen ");
  put_u(since_flush);
  putc1('\n');
  since_flush = 0;
  flush_out();
}

static int is_alnum_name(const char *s) {
  for (; *s; s++)
    if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))) return 0;
  return 1;
}

/* Hash subdirectories have one-character names, queue files never do, so
 * no stat() is needed to tell them apart. */
static int queue_no; /* the queue being walked, index in QUEUES */

/* --since-list: a worker lists its directories first, while the console's
 * list is still arriving, then looks each name up. */
struct listed {
  uint32_t path;         /* offset in list_arena of "deferred/A/<id>\0" */
  unsigned char id_at;   /* where the id starts in it */
  unsigned char id_len;
  signed char queue;
};
static char *list_arena;
static size_t arena_len, arena_cap;
static struct listed *listed;
static size_t nlisted, listed_cap;

static void remember(const char *dir, const char *name, size_t len) {
  size_t dl = strlen(dir), need = dl + 1 + len + 1;
  if (len > 64 || dl > 200) return;
  if (arena_len + need > arena_cap) {
    arena_cap = arena_cap ? arena_cap * 2 : 1 << 20;
    list_arena = realloc(list_arena, arena_cap);
    if (!list_arena) _exit(4);
  }
  if (nlisted == listed_cap) {
    listed_cap = listed_cap ? listed_cap * 2 : 1 << 14;
    listed = realloc(listed, listed_cap * sizeof *listed);
    if (!listed) _exit(4);
  }
  if (arena_len + need > UINT32_MAX) _exit(4);
  char *p = list_arena + arena_len;
  memcpy(p, dir, dl);
  p[dl] = '/';
  memcpy(p + dl + 1, name, len + 1);
  listed[nlisted++] = (struct listed){(uint32_t)arena_len, (unsigned char)(dl + 1), (unsigned char)len, (signed char)queue_no};
  arena_len += need;
}

static int read_exact(int fd, void *dst, size_t n) {
  for (size_t got = 0; got < n;) {
    ssize_t r = read(fd, (char *)dst + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return 0;
    got += (size_t)r;
  }
  return 1;
}

/* The parent's known-id table: text, then slots (see send_known). */
static void receive_known(int fd) {
  uint64_t head[2];
  if (!read_exact(fd, head, sizeof head) || head[0] > (uint64_t)1 << 30 || head[1] > (uint64_t)1 << 28) _exit(5);
  known_len = (size_t)head[0];
  known_cap = (size_t)head[1];
  known_text = malloc(known_len + 1);
  known_tab = malloc(known_cap * sizeof *known_tab);
  known_found = calloc(known_cap + 1, 1);
  if (!known_text || !known_tab || !known_found) _exit(4);
  if (!read_exact(fd, known_text, known_len) || !read_exact(fd, known_tab, known_cap * sizeof *known_tab)) _exit(5);
}

/* The directory of a listed file ("deferred/A", n bytes of path), opened
 * again one name at a time with O_NOFOLLOW: were one of them replaced by a
 * link since the walk, it is not followed. The last one is kept open, as
 * listed files come directory by directory. -1 if it is gone. */
static int listed_dir(const char *path, size_t n) {
  static char last[256];
  static size_t last_n = SIZE_MAX;
  static int last_fd = -1;
  if (n == last_n && memcmp(path, last, n) == 0) return last_fd;
  if (last_fd >= 0) close(last_fd);
  last_fd = -1;
  last_n = SIZE_MAX;
  if (n >= sizeof last) return -1;
  memcpy(last, path, n);
  last[n] = 0;
  int fd = AT_FDCWD;
  for (char *name = last, *slash; name; name = slash ? slash + 1 : NULL) {
    slash = strchr(name, '/');
    if (slash) *slash = 0;
    int next = open_dir_at(fd, name);
    if (slash) *slash = '/';
    if (fd >= 0) close(fd);
    if (next < 0) return -1;
    fd = next;
  }
  last_n = n;
  return last_fd = fd;
}

static void process_listed(void) {
  for (size_t i = 0; i < nlisted; i++) {
    const struct listed *l = &listed[i];
    const char *path = list_arena + l->path, *id = path + l->id_at;
    seen++;
    struct known *k = known_find(id, l->id_len);
    if (k) {
      known_found[k - known_tab] = 1;
      if (k->queue == l->queue) {
        if (++since_flush >= SEEN_EVERY) flush_progress();
        continue;
      }
    }
    int dfd = listed_dir(path, l->id_at - 1u);
    if (dfd >= 0) one_file(QUEUES[(int)l->queue], dfd, id, id);
    else if (k) known_found[k - known_tab] = 0; /* its directory went: as if the file had (one_file) */
    if (++since_flush >= SEEN_EVERY) flush_progress();
    else if (out_len > OUT_FLUSH) flush_out();
  }
}

/* dir: the path of name from the queue directory (for the refresh list);
 * at: the directory name is in. */
static void walk(const char *queue, int at, const char *name, const char *dir, int level) {
  /* A symbolic link in place of a queue or hash directory is not walked. */
  int fd = open_dir_at(at, name);
  if (fd < 0) return;
  DIR *dh = fdopendir(fd);
  if (!dh) {
    close(fd);
    return;
  }
  int dfd = dirfd(dh);
  struct dirent *de;
  while ((de = readdir(dh))) {
    const char *entry = de->d_name;
    size_t len = strlen(entry);
    if (len == 1) {
      /* Each top hash directory is walked by one worker only (listing a
       * 300k queue twice is most of a refresh); inside it, every file. */
      if (level == 0 && (unsigned char)entry[0] % workers != worker_no) continue;
      if (level < 4 && entry[0] != '.') {
        char sub[PATH_MAX];
        snprintf(sub, sizeof sub, "%s/%s", dir, entry);
        walk(queue, dfd, entry, sub, level + 1);
      }
      continue;
    }
    if ((level == 0 && (unsigned char)entry[len - 1] % workers != worker_no) || !is_alnum_name(entry)) continue;
    if (since_list) {
      remember(dir, entry, len);
      continue;
    }
    seen++;
    one_file(queue, dfd, entry, entry);
    if (++since_flush >= SEEN_EVERY) flush_progress();
    else if (out_len > OUT_FLUSH) flush_out();
  }
  closedir(dh);
}

static void worker(int w, int fd, int known_fd, int found_fd) {
  worker_no = w;
  out_fd = fd;
  next_sid = w;
  sid_step = workers;
  for (size_t q = 0; q < sizeof QUEUES / sizeof *QUEUES; q++) {
    queue_no = (int)q;
    walk(QUEUES[q], AT_FDCWD, QUEUES[q], QUEUES[q], 0);
  }
  if (since_list) {
    receive_known(known_fd);
    close(known_fd);
    process_listed();
  }
  if (since_flush) {
    puts0("#seen ");
    put_u(since_flush);
    putc1('\n');
  }
  puts0("#done ");
  put_u(seen);
  putc1(' ');
  put_u(parsed);
  putc1(' ');
  put_u(errors);
  putc1('\n');
  flush_out();
  close(fd);
  /* After the output pipe is closed: the parent reads these once it has
   * relayed every line. */
  if (since_list) {
    write_all(found_fd, (const char *)known_found, known_cap);
    close(found_fd);
  }
}

/* Each worker writes to its own pipe; the parent relays whole lines, so
 * lines of different workers never interleave. */
static void relay(int *fds, int k) {
  struct pollfd pf[MAX_WORKERS];
  char *pending[MAX_WORKERS] = {0};
  size_t plen[MAX_WORKERS] = {0}, pcap[MAX_WORKERS] = {0};
  static char chunk[65536];
  int open_count = k;
  for (int i = 0; i < k; i++) {
    pf[i].fd = fds[i];
    pf[i].events = POLLIN;
  }
  while (open_count > 0) {
    if (poll(pf, (nfds_t)k, -1) < 0) {
      if (errno == EINTR) continue;
      _exit(3);
    }
    for (int i = 0; i < k; i++) {
      if (pf[i].fd < 0 || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(pf[i].fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        if (plen[i]) {
          write_all(1, pending[i], plen[i]);
          write_all(1, "\n", 1);
        }
        close(pf[i].fd);
        pf[i].fd = -1;
        open_count--;
        continue;
      }
      char *cut = memrchr(chunk, '\n', (size_t)n);
      if (!cut) {
        if (plen[i] + (size_t)n > pcap[i]) {
          pcap[i] = (plen[i] + (size_t)n) * 2;
          pending[i] = realloc(pending[i], pcap[i]);
          if (!pending[i]) _exit(4);
        }
        memcpy(pending[i] + plen[i], chunk, (size_t)n);
        plen[i] += (size_t)n;
        continue;
      }
      size_t head = (size_t)(cut - chunk) + 1;
      if (plen[i]) write_all(1, pending[i], plen[i]);
      write_all(1, chunk, head);
      plen[i] = (size_t)n - head;
      if (plen[i] > pcap[i]) {
        pcap[i] = plen[i] * 2;
        pending[i] = realloc(pending[i], pcap[i]);
        if (!pending[i]) _exit(4);
      }
      if (plen[i]) memcpy(pending[i], chunk + head, plen[i]);
    }
  }
  for (int i = 0; i < k; i++) free(pending[i]);
}

static void read_stdin(void) {
  size_t cap = 1 << 20;
  known_text = malloc(cap);
  if (!known_text) _exit(4);
  for (;;) {
    if (known_len == cap) {
      if (cap >= (size_t)1 << 30) { /* and offsets fit in 32 bits */
        fprintf(stderr, "mw-queue-scan-fast: the known list is over 1 GB\n");
        exit(2);
      }
      cap *= 2;
      known_text = realloc(known_text, cap);
      if (!known_text) _exit(4);
    }
    ssize_t n = read(0, known_text + known_len, cap - known_len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      perror("mw-queue-scan-fast: stdin");
      exit(3);
    }
    if (n == 0) break;
    known_len += (size_t)n;
  }
}

/* Header (text length, slots), the ids' text, the slots. */
static int send_known(int fd) {
  uint64_t head[2] = {known_len, known_cap};
  const char *parts[3] = {(const char *)head, known_text, (const char *)known_tab};
  size_t lens[3] = {sizeof head, known_len, known_cap * sizeof *known_tab};
  for (int i = 0; i < 3; i++)
    for (size_t off = 0; off < lens[i];) {
      ssize_t w = write(fd, parts[i] + off, lens[i] - off);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return 0;
      off += (size_t)w;
    }
  return 1;
}

/* A decimal argument in [lo, hi], digits only (strtol alone would take a
 * sign, leading blanks or "12abc"); exits 2 naming what is wrong. */
static int int_arg(const char *s, const char *what, long lo, long hi) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (!*s || strspn(s, "0123456789") != strlen(s) || *end || errno == ERANGE || v < lo || v > hi) {
    fprintf(stderr, "mw-queue-scan-fast: %s must be a whole number from %ld to %ld, not \"%.32s\"\n", what, lo, hi, s);
    exit(2);
  }
  return (int)v;
}

int main(int argc, char **argv) {
  since_list = argc == 4 && strcmp(argv[3], "--since-list") == 0;
  if (argc != 3 && !since_list) {
    fprintf(stderr, "usage: mw-queue-scan-fast WORKERS DEFER_HASH_DEPTH [--since-list] (run by mw-queue-scan)\n");
    return 2;
  }
  workers = int_arg(argv[1], "WORKERS", 1, MAX_WORKERS);
  defer_depth = int_arg(argv[2], "DEFER_HASH_DEPTH", 0, 16);
  /* A worker that dies must not kill the parent with SIGPIPE: it reports. */
  signal(SIGPIPE, SIG_IGN);
  /* Per worker: its output lines; with --since-list also the known ids
   * (parent to worker) and what it found (worker to parent). */
  int out_r[MAX_WORKERS], known_w[MAX_WORKERS], found_r[MAX_WORKERS];
  pid_t pids[MAX_WORKERS];
  for (int w = 0; w < workers; w++) {
    int p[2], k[2] = {-1, -1}, f[2] = {-1, -1};
    if (pipe(p) != 0 || (since_list && (pipe(k) != 0 || pipe(f) != 0))) {
      perror("mw-queue-scan-fast: pipe");
      return 3;
    }
    pid_t pid = fork();
    if (pid < 0) {
      perror("mw-queue-scan-fast: fork");
      return 3;
    }
    if (pid == 0) {
      close(p[0]);
      if (since_list) {
        close(k[1]);
        close(f[0]);
      }
      for (int i = 0; i < w; i++) {
        close(out_r[i]);
        if (since_list) {
          close(known_w[i]);
          close(found_r[i]);
        }
      }
      worker(w, p[1], k[0], f[1]);
      _exit(0);
    }
    close(p[1]);
    out_r[w] = p[0];
    known_w[w] = k[1];
    found_r[w] = f[0];
    if (since_list) {
      close(k[0]);
      close(f[1]);
    }
    pids[w] = pid;
  }
  if (since_list) {
    read_stdin();
    load_known();
    for (int w = 0; w < workers; w++) {
      send_known(known_w[w]); /* a worker that died says so below */
      close(known_w[w]);
    }
  }
  relay(out_r, workers);
  unsigned char *present = NULL;
  int complete = 1;
  if (since_list) {
    present = calloc(known_cap + 1, 1);
    unsigned char *found = malloc(known_cap + 1);
    if (!present || !found) _exit(4);
    for (int w = 0; w < workers; w++) {
      if (read_exact(found_r[w], found, known_cap))
        for (size_t i = 0; i < known_cap; i++) present[i] |= found[i];
      else
        complete = 0;
      close(found_r[w]);
    }
    free(found);
  }
  char line[160];
  for (int w = 0; w < workers; w++) {
    int status = 0, n = 0;
    pid_t got;
    while ((got = waitpid(pids[w], &status, 0)) < 0 && errno == EINTR) {
    }
    /* status is only set when waitpid succeeded. A worker that cannot be
     * waited for has not said it finished: its part counts as incomplete. */
    if (got < 0)
      n = snprintf(line, sizeof line, "#error - - worker %d could not be waited for: %s\n", w, strerror(errno));
    else if (!WIFEXITED(status) || WEXITSTATUS(status))
      n = snprintf(line, sizeof line, "#error - - worker exited with status %d\n",
                   WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    if (n > 0) {
      complete = 0;
      write_all(1, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
  }
  /* "#gone" only when every worker said what it found: a message may move
   * while they walk, and it is present if any of them found it. */
  out_fd = 1;
  if (since_list && complete)
    for (size_t i = 0; i < known_cap; i++)
      if (known_tab[i].len && !present[i]) {
        puts0("#gone ");
        put(known_text + known_tab[i].off, known_tab[i].len);
        putc1('\n');
        if (out_len > OUT_FLUSH) flush_out();
      }
  flush_out();
  int n = snprintf(line, sizeof line, "#end %d\n", workers);
  write_all(1, line, (size_t)n);
  return 0;
}
