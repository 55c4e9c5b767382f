/* core_demo.h — realistic fake people, employers and accidents for demo
 * databases: Chinese names with a real surname mix, valid ID numbers and
 * credit codes with Anhui region codes.  Deterministic for a seed.
 * Layer: core. */
#ifndef YICI_CORE_DEMO_H
#define YICI_CORE_DEMO_H

#include <stdint.h>
#include "core_date.h"

struct rng {
	uint64_t s;
};
void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n). */
uint32_t rng_below(struct rng *r, uint32_t n);
/* 1 with probability pct/100. */
int rng_chance(struct rng *r, int pct);

struct demo_person {
	char name[32];
	char id_number[19];
	char phone[12];
	char sex;               /* 'M' / 'F' */
	char address[128];
	yday birth;
};
/* A person born between the given years, sex 'M', 'F' or 0 for either. */
void demo_person(struct rng *r, int year_from, int year_to, char sex, struct demo_person *p);

struct demo_employer {
	char name[128];
	char credit_code[19];
	char address[128];
	char contact[32];
	char phone[12];
	int insured;
	char supp_insurer[64];
};
void demo_employer(struct rng *r, struct demo_employer *e);

struct demo_accident {
	char place[128];
	char description[256];
	char body_part[32];
	char hospital[64];
	char diagnosis[64];
	char job[32];
	const char *circumstance; /* work, commute, ... */
	const char *type;         /* accident / disease */
};
void demo_accident(struct rng *r, int death, struct demo_accident *a);

/* A relative's relationship to the worker (配偶, 子女, 父母 ...). */
const char *demo_relation(struct rng *r);

#endif
