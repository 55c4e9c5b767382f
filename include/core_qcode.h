/* core_qcode.h — the query code (查询密码) the applicant uses with the case
 * number to follow the case online: 6 digits from OpenSSL's RAND, never
 * stored; only its hash is kept and exported for the query module.
 * Layer: core (OpenSSL only). */
#ifndef YICI_CORE_QCODE_H
#define YICI_CORE_QCODE_H

#define QCODE_LEN 6
#define QCODE_ITER 10000
/* "pbkdf2_sha256$10000$" + 64 hex digits + NUL */
#define QCODE_HASH_MAX 96

/* A new random code, uniformly 000000-999999: 0, or -1 when the random
 * generator failed (then code is empty). */
int qcode_new(char code[QCODE_LEN + 1]);

/* The stored form: "pbkdf2_sha256$<iterations>$<hex>", PBKDF2-HMAC-SHA256
 * of the code with the case number as salt, 32 bytes.  The query module
 * recomputes it from what the applicant types. */
void qcode_hash(const char *case_no, const char *code, char out[QCODE_HASH_MAX]);

#endif
