/* util_sign.h — the center's Ed25519 key (OpenSSL EVP) and the signed
 * anchors of the export batches (yici-exchange(5), anchor.txt).  The key
 * is a PEM file outside the database, 0600, made by `yici key init`; its
 * public half (64 hex digits) goes to the province once.  Layer: core
 * (OpenSSL only). */
#ifndef YICI_UTIL_SIGN_H
#define YICI_UTIL_SIGN_H

#include <stddef.h>
#include "util.h"

#define SIGN_PUB_HEX 64
#define SIGN_SIG_HEX 128

/* Makes a new key at path (refused when path exists), mode 0600.  pub gets
 * the public key in hex. */
int sign_keygen(const char *path, char pub[SIGN_PUB_HEX + 1], struct yerr *e);
/* The public key of the private key at path. */
int sign_public(const char *path, char pub[SIGN_PUB_HEX + 1], struct yerr *e);
/* The public key as PEM (for `yici key show`); malloc'd. */
char *sign_public_pem(const char *path, struct yerr *e);
/* Signs msg with the key at path: sig in hex. */
int sign_message(const char *path, const char *msg, size_t n, char sig[SIGN_SIG_HEX + 1],
		 struct yerr *e);
/* 1 when sig (hex) is pub's (hex) signature of msg, else 0. */
int sign_check(const char *pub, const char *msg, size_t n, const char *sig);
/* Reads a public key file: 64 hex digits, or a PEM public key. */
int sign_read_public(const char *path, char pub[SIGN_PUB_HEX + 1], struct yerr *e);

/* The default key path for a database: KEY next to it,
 * "<folder of db>/yici-signing.key"; malloc'd. */
char *sign_default_path(const char *db_path);

#endif
