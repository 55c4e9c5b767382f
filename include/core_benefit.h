/* core_benefit.h — the benefit formulas of the 工伤保险条例 (DOMAIN.md §3)
 * from the catalog's rates (forms/rates.csv), in integer fen, each line
 * with its formula and inputs written out for the officer to check.
 * Layer: core (pure C). */
#ifndef YICI_CORE_BENEFIT_H
#define YICI_CORE_BENEFIT_H

#include <stdint.h>
#include "core_catalog.h"
#include "util.h"

struct benefit_input {
	const char *item;        /* SC, YB, GW, SZ, FX; others are reimbursed as invoiced */
	int64_t wage_fen;        /* 本人工资: monthly insured wage before floor and cap; -1 unknown */
	int64_t avg_wage_fen;    /* 社平工资: regional average monthly wage */
	int grade;               /* JD grade 1..10, 0 none */
	int care_level;          /* 生活自理障碍 1 完全, 2 大部分, 3 部分; 0 none */
	int spouse;              /* FX: 1 when the spouse is a dependant */
	int others;              /* FX: other dependants (30% each) */
	int lonely;              /* FX: of all dependants, 孤寡老人 or 孤儿 (+10% each) */
	int death_year;          /* GW: the year of death (income of the year before) */
	int advance;             /* GW: the 50% advance for a missing worker (条例 §41) */
	int missing;             /* the case's circumstance is 下落不明 (the only one §41 allows) */
	int veteran;             /* 条例 §15(三): no disability lump sum */
	int days;                /* HS: days in hospital; -1 not given */
	int uninsured;           /* the employer is not insured: it pays everything (条例 §62 ¶2) */
};

struct benefit_line {
	char label[96];          /* translated */
	char formula[200];       /* e.g. "13 × 6500.00 = 84500.00" */
	int64_t fen;
	int monthly;             /* 1: paid every month */
	int employer;            /* 1: paid by the employer, not the fund */
	int info;                /* 1: shown for reference, not paid now */
};

struct benefit_calc {
	int64_t wage_fen;        /* 本人工资 after the 60%/300% floor and cap */
	char wage_note[200];     /* how it was bounded */
	struct benefit_line lines[8];
	int n;
	int64_t lump_fund_fen;   /* one-off total from the fund */
	int64_t monthly_fund_fen;/* monthly total from the fund */
	int64_t reference_fen;   /* what an approval of the item pays from the fund: the
	                            one-off total when there is one, else the monthly */
	int64_t employer_fen;    /* what the employer pays (one-off and first month) */
	int formula;             /* 0: the item is reimbursed as invoiced */
	int uninsured;           /* 条例 §62 ¶2: the employer pays all of it, the fund nothing */
};

/* Fills out from the catalog's rates; -1 with a message when an input or
 * a rate the item needs is missing.  With in->uninsured every line is the
 * employer's and the fund pays 0 (条例 §62 ¶2). */
int benefit_calculate(const struct catalog *c, const struct benefit_input *in,
		      struct benefit_calc *out, struct yerr *e);

/* 1 when name is a formula benefit_calculate computes (items.csv "formula"). */
int benefit_formula_known(const char *name);
/* The names, ", "-separated, for a message. */
const char *benefit_formula_names(void);

/* x × pct / 100 rounded half up (fen). */
int64_t benefit_pct(int64_t fen, int64_t pct);

#endif
