/* csv_forms.h — loads the catalog from a forms/ folder (items.csv,
 * materials.csv, item_materials.csv, rules.csv, holidays.csv, rates.csv,
 * form.csv, templates.csv), validating every file and row.  Layer: csv. */
#ifndef YICI_CSV_FORMS_H
#define YICI_CSV_FORMS_H

#include "core_catalog.h"
#include "util.h"

/* Fills c (catalog_init'ed by the caller) from dir.  On the first bad row
 * returns -1 with "forms/items.csv:7: unknown category 'amdin'" in e (the
 * file is named as dir/name); c must then still be catalog_release'd. */
int forms_load(const char *dir, struct catalog *c, struct yerr *e);

#endif
