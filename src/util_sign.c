/* util_sign.c — Ed25519 keys and signatures with OpenSSL's EVP interface
 * (util_sign.h).  Layer: core. */
#include "util_sign.h"

#include <errno.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "util_file.h"

static void to_hex(const unsigned char *p, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static int from_hex(const char *s, unsigned char *out, size_t n)
{
	if (!s || strlen(s) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned v = 0;
		for (int k = 0; k < 2; k++) {
			char c = s[2 * i + (size_t)k];
			v <<= 4;
			if (c >= '0' && c <= '9')
				v |= (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v |= (unsigned)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				v |= (unsigned)(c - 'A' + 10);
			else
				return -1;
		}
		out[i] = (unsigned char)v;
	}
	return 0;
}

static EVP_PKEY *load_private(const char *path, struct yerr *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		yerr_set(e, YERR_IO, _("cannot read the signing key '%s': %s (make it with 'yici key "
				       "init')"), path, strerror(errno));
		return NULL;
	}
	EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (!k || EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(k);
		yerr_set(e, YERR_INPUT, _("'%s' is not an Ed25519 private key"), path);
		return NULL;
	}
	return k;
}

static int raw_public(EVP_PKEY *k, char pub[SIGN_PUB_HEX + 1], struct yerr *e)
{
	unsigned char raw[32];
	size_t n = sizeof raw;
	if (EVP_PKEY_get_raw_public_key(k, raw, &n) != 1 || n != 32)
		return yerr_set(e, YERR_INPUT, _("cannot read the public key"));
	to_hex(raw, 32, pub);
	return 0;
}

int sign_keygen(const char *path, char pub[SIGN_PUB_HEX + 1], struct yerr *e)
{
	struct stat sb;
	if (lstat(path, &sb) == 0)
		return yerr_set(e, YERR_STATE, _("'%s' exists: a center has one key (the province "
						 "knows its public half); remove it first to make "
						 "another"), path);
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	if (!k)
		return yerr_set(e, YERR_IO, _("cannot make an Ed25519 key"));
	BIO *b = BIO_new(BIO_s_mem());
	int rc = -1;
	char *data = NULL;
	long len = 0;
	if (b && PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL) == 1 &&
	    (len = BIO_get_mem_data(b, &data)) > 0 && raw_public(k, pub, e) == 0) {
		struct private_file pf;
		if (file_private_open(&pf, path, FILE_MODE_KEY, e) == 0) {
			if (file_private_write(&pf, data, (size_t)len, e) < 0)
				file_private_abort(&pf);
			else
				rc = file_private_commit(&pf, e);
		}
	} else if (!e || !e->msg[0]) {
		yerr_set(e, YERR_IO, _("cannot write the key"));
	}
	BIO_free(b);
	EVP_PKEY_free(k);
	return rc;
}

int sign_public(const char *path, char pub[SIGN_PUB_HEX + 1], struct yerr *e)
{
	EVP_PKEY *k = load_private(path, e);
	if (!k)
		return -1;
	int rc = raw_public(k, pub, e);
	EVP_PKEY_free(k);
	return rc;
}

char *sign_public_pem(const char *path, struct yerr *e)
{
	EVP_PKEY *k = load_private(path, e);
	if (!k)
		return NULL;
	BIO *b = BIO_new(BIO_s_mem());
	char *data = NULL, *out = NULL;
	long len;
	if (b && PEM_write_bio_PUBKEY(b, k) == 1 && (len = BIO_get_mem_data(b, &data)) > 0) {
		out = xmalloc((size_t)len + 1);
		memcpy(out, data, (size_t)len);
		out[len] = '\0';
	}
	BIO_free(b);
	EVP_PKEY_free(k);
	return out;
}

int sign_message(const char *path, const char *msg, size_t n, char sig[SIGN_SIG_HEX + 1],
		 struct yerr *e)
{
	EVP_PKEY *k = load_private(path, e);
	if (!k)
		return -1;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char raw[64];
	size_t len = sizeof raw;
	int ok = ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestSign(ctx, raw, &len, (const unsigned char *)msg, n) == 1 && len == 64;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	if (!ok)
		return yerr_set(e, YERR_IO, _("cannot sign with '%s'"), path);
	to_hex(raw, 64, sig);
	return 0;
}

int sign_check(const char *pub, const char *msg, size_t n, const char *sig)
{
	unsigned char rp[32], rs[64];
	if (from_hex(pub, rp, 32) < 0 || from_hex(sig, rs, 64) < 0)
		return 0;
	EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, rp, 32);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = k && ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestVerify(ctx, rs, 64, (const unsigned char *)msg, n) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	return ok;
}

int sign_read_public(const char *path, char pub[SIGN_PUB_HEX + 1], struct yerr *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return yerr_set(e, YERR_IO, _("cannot read '%s': %s"), path, strerror(errno));
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = buf;
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	size_t k = strcspn(p, " \r\n\t");
	unsigned char raw[32];
	if (k == SIGN_PUB_HEX) {
		p[k] = '\0';
		if (from_hex(p, raw, 32) == 0) {
			to_hex(raw, 32, pub);
			return 0;
		}
	}
	BIO *b = BIO_new_mem_buf(buf, (int)n);
	EVP_PKEY *key = b ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : NULL;
	BIO_free(b);
	int rc = key && EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 ? raw_public(key, pub, e)
		 : yerr_set(e, YERR_INPUT, _("'%s' holds no Ed25519 public key (64 hex digits or "
					     "PEM)"), path);
	EVP_PKEY_free(key);
	return rc;
}

char *sign_default_path(const char *db_path)
{
	const char *slash = strrchr(db_path, '/');
	if (!slash)
		return xstrdup("yici-signing.key");
	return xasprintf("%.*s/yici-signing.key", (int)(slash - db_path), db_path);
}
