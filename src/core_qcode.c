/* core_qcode.c — the query code: random digits and their salted hash.
 * Layer: core. */
#include "core_qcode.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

int qcode_new(char code[QCODE_LEN + 1])
{
	unsigned char b[4];
	uint32_t v;
	code[0] = '\0';
	/* 4294000000 is a multiple of 10^6: drawing again above it keeps every
	 * code equally likely */
	do {
		if (RAND_bytes(b, sizeof b) != 1)
			return -1;
		v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	} while (v >= 4294000000u);
	snprintf(code, QCODE_LEN + 1, "%06u", (unsigned)(v % 1000000u));
	return 0;
}

void qcode_hash(const char *case_no, const char *code, char out[QCODE_HASH_MAX])
{
	unsigned char h[32];
	PKCS5_PBKDF2_HMAC(code, (int)strlen(code), (const unsigned char *)case_no,
			  (int)strlen(case_no), QCODE_ITER, EVP_sha256(), sizeof h, h);
	int n = snprintf(out, QCODE_HASH_MAX, "pbkdf2_sha256$%d$", QCODE_ITER);
	for (size_t i = 0; i < sizeof h; i++)
		n += snprintf(out + n, QCODE_HASH_MAX - (size_t)n, "%02x", h[i]);
}
