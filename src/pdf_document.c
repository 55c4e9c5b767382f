/* pdf_document.c — the A4 page of an official document (GB/T 9704-2012
 * where it applies): top margin 37 mm, left 28 mm, type area 156 x 225 mm;
 * title in 2号 (22 pt) bold serif (小标宋 stand-in: Noto Serif CJK SC
 * Bold), body in 3号 (16 pt) serif (仿宋 stand-in), 文号 under the title,
 * issuer and date at the foot with the date four characters from the
 * right, a dashed circle marking where the seal goes (not a seal), the
 * page number "— 1 —" 7 mm under the type area, and the QR code in the
 * bottom margin.  Layer: pdf. */
#include "pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define LEFT (28 * MM)
#define TOP (37 * MM)
#define WIDTH (156 * MM)
#define BOTTOM ((37 + 225) * MM)
#define CH 16.0               /* one character of 3号 */
/* 22 lines in 225 mm: 28.9 pt a line, of which the font's own height
 * (Noto Serif CJK: 1.448 em) takes 23.2 */
#define LEAD 5.5

#define FONT_TITLE "Noto Serif CJK SC Bold 22"
#define FONT_BODY "Noto Serif CJK SC 16"
#define FONT_LIST "Noto Serif CJK SC 14"
#define FONT_SMALL "Noto Serif CJK SC 9"
#define FONT_PAGE "Noto Serif CJK SC 14"

struct page {
	cairo_t *cr;
	double y;
	int pageno;
	const struct document *doc;
};

static PangoLayout *layout(cairo_t *cr, const char *font, double width, const char *text)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoContext *ctx = pango_layout_get_context(l);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	/* the PDF's user unit is the point: font sizes are points, not 96-dpi pixels */
	pango_cairo_context_set_resolution(ctx, 72);
	pango_layout_context_changed(l);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double height_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void draw_qr(cairo_t *cr, const char *text, double x, double y, double size)
{
	QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!q)
		return;
	int n = q->width, quiet = 2;
	double m = size / (n + 2 * quiet);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < n; r++)
		for (int c = 0; c < n; c++)
			if (q->data[r * n + c] & 1)
				cairo_rectangle(cr, x + (c + quiet) * m, y + (r + quiet) * m, m, m);
	cairo_fill(cr);
	QRcode_free(q);
}

/* Page number and QR code: the furniture of every page. */
static void furniture(struct page *p)
{
	cairo_t *cr = p->cr;
	char num[32];
	snprintf(num, sizeof num, "— %d —", p->pageno);
	PangoLayout *l = layout(cr, FONT_PAGE, WIDTH, num);
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, LEFT, BOTTOM + 7 * MM - 7);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	/* under the page number (7 mm below the type area, 5 mm high) */
	double qs = 16 * MM, qy = BOTTOM + 12 * MM;
	draw_qr(cr, p->doc->qr, LEFT, qy, qs);
	char *cap = g_strdup_printf("办件编号：%s\n文书编号：%s\n扫描二维码核验本文书真伪", p->doc->case_no,
				    p->doc->doc_no);
	l = layout(cr, FONT_SMALL, 100 * MM, cap);
	g_free(cap);
	cairo_move_to(cr, LEFT + qs + 3 * MM, qy + qs / 2 - height_of(l) / 2);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

static void new_page(struct page *p)
{
	furniture(p);
	cairo_show_page(p->cr);
	p->pageno++;
	p->y = TOP;
}

/* Draws a layout at x, breaking the page first when it does not fit. */
static void put(struct page *p, PangoLayout *l, double x, double before, double after)
{
	double h = height_of(l);
	if (p->y + before + h > BOTTOM && p->y > TOP)
		new_page(p);
	else
		p->y += before;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_move_to(p->cr, x, p->y);
	pango_cairo_show_layout(p->cr, l);
	p->y += h + after;
}

static void body_line(struct page *p, const struct doc_line *ln)
{
	cairo_t *cr = p->cr;
	PangoLayout *l;
	switch (ln->type) {
	case 'H':
		l = layout(cr, FONT_BODY, WIDTH, ln->text);
		pango_layout_set_spacing(l, LEAD * PANGO_SCALE);
		put(p, l, LEFT, 0, LEAD);
		break;
	case 'I':
		l = layout(cr, FONT_LIST, WIDTH - 2 * CH, ln->text);
		pango_layout_set_spacing(l, 5 * PANGO_SCALE);
		put(p, l, LEFT + 2 * CH, 0, 5);
		break;
	case 'K': {
		const char *tab = strchr(ln->text, '\t');
		char label[128];
		snprintf(label, sizeof label, "%.*s：", tab ? (int)(tab - ln->text) : 0, ln->text);
		PangoLayout *lk = layout(cr, FONT_BODY, 6 * CH, label);
		l = layout(cr, FONT_BODY, WIDTH - 6 * CH, tab ? tab + 1 : ln->text);
		pango_layout_set_spacing(l, LEAD * PANGO_SCALE);
		double h = height_of(l);
		if (p->y + h > BOTTOM)
			new_page(p);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_move_to(cr, LEFT, p->y);
		pango_cairo_show_layout(cr, lk);
		cairo_move_to(cr, LEFT + 6 * CH, p->y);
		pango_cairo_show_layout(cr, l);
		p->y += h + LEAD;
		g_object_unref(lk);
		break;
	}
	case 'S':
		l = layout(cr, FONT_BODY, WIDTH - 2 * CH, ln->text);
		put(p, l, LEFT + 2 * CH, 2 * CH, 8);
		break;
	default:
		l = layout(cr, FONT_BODY, WIDTH, ln->text);
		pango_layout_set_indent(l, (int)(2 * CH * PANGO_SCALE));
		pango_layout_set_spacing(l, LEAD * PANGO_SCALE);
		put(p, l, LEFT, 0, LEAD);
		break;
	}
	g_object_unref(l);
}

/* Issuer over the date, the date four characters from the right edge,
 * and the seal area over both. */
static void foot(struct page *p, const struct document *d)
{
	cairo_t *cr = p->cr;
	PangoLayout *ld = layout(cr, FONT_BODY, WIDTH, d->date);
	int dw, dh;
	pango_layout_get_size(ld, &dw, &dh);
	double date_w = (double)dw / PANGO_SCALE;
	PangoLayout *li = *d->issuer && d->seal ? layout(cr, FONT_BODY, WIDTH, d->issuer) : NULL;
	double block = (li ? height_of(li) + 6 : 0) + height_of(ld);
	double need = 3 * CH + block + 8 * MM;
	if (p->y + need > BOTTOM)
		new_page(p);
	double y = p->y + 3 * CH;
	double right = LEFT + WIDTH - 4 * CH, date_x = right - date_w, centre = date_x + date_w / 2;
	if (li) {
		int iw, ih;
		pango_layout_get_size(li, &iw, &ih);
		double iwp = (double)iw / PANGO_SCALE, ix = centre - iwp / 2;
		if (ix + iwp > LEFT + WIDTH)
			ix = LEFT + WIDTH - iwp;
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_move_to(cr, ix, y);
		pango_cairo_show_layout(cr, li);
		y += height_of(li) + 6;
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, date_x, y);
	pango_cairo_show_layout(cr, ld);
	if (d->seal) {
		/* where the seal goes: a dashed outline, never a seal */
		double r = 21 * MM, cy = p->y + 3 * CH + block / 2;
		cairo_save(cr);
		cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
		cairo_set_line_width(cr, 0.6);
		double dash[] = { 3, 3 };
		cairo_set_dash(cr, dash, 2, 0);
		cairo_new_path(cr);
		cairo_arc(cr, centre, cy, r, 0, 2 * G_PI);
		cairo_stroke(cr);
		cairo_restore(cr);
		PangoLayout *ls = layout(cr, FONT_SMALL, 2 * r, "（印章）");
		pango_layout_set_alignment(ls, PANGO_ALIGN_CENTER);
		cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
		cairo_move_to(cr, centre - r, cy + r - 14);
		pango_cairo_show_layout(cr, ls);
		g_object_unref(ls);
	}
	p->y = y + height_of(ld);
	if (li)
		g_object_unref(li);
	g_object_unref(ld);
}

static void draw_document(cairo_t *cr, const struct document *d, int *pageno)
{
	struct page p = { .cr = cr, .y = TOP, .pageno = 1, .doc = d };
	(void)pageno;
	if (d->reprint) {
		/* 补打: boxed in the top margin, right, above the title */
		PangoLayout *lm = layout(cr, FONT_BODY, 4 * CH, DOC_REPRINT_MARK);
		int mw, mh;
		pango_layout_get_size(lm, &mw, &mh);
		double w = (double)mw / PANGO_SCALE, h = (double)mh / PANGO_SCALE;
		double x = LEFT + WIDTH - w - 4, y = TOP - h - 12 * MM;
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 1);
		cairo_rectangle(cr, x - 4, y - 2, w + 8, h + 4);
		cairo_stroke(cr);
		cairo_move_to(cr, x, y);
		pango_cairo_show_layout(cr, lm);
		g_object_unref(lm);
	}
	PangoLayout *l = layout(cr, FONT_TITLE, WIDTH, d->title);
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pango_layout_set_spacing(l, 6 * PANGO_SCALE);
	put(&p, l, LEFT, 0, 14);
	g_object_unref(l);
	if (*d->doc_no) {
		l = layout(cr, FONT_BODY, WIDTH, d->doc_no);
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		put(&p, l, LEFT, 0, 24);
		g_object_unref(l);
	}
	for (int i = 0; i < d->nlines; i++)
		body_line(&p, &d->lines[i]);
	foot(&p, d);
	furniture(&p);
	cairo_show_page(cr);
}

int pdf_write(const char *path, const struct document *docs, int n, struct yerr *e)
{
	cairo_surface_t *s = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		yerr_set(e, YERR_IO, _("cannot write '%s': %s"), path,
			 cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return -1;
	}
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "yici");
	if (n > 0)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, docs[0].title);
	cairo_t *cr = cairo_create(s);
	int pageno = 0;
	for (int i = 0; i < n; i++)
		draw_document(cr, &docs[i], &pageno);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	/* give back the font caches, so a sanitizer build sees no leak and a
	 * long-running workstation holds no fonts between documents */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
	if (st != CAIRO_STATUS_SUCCESS)
		return yerr_set(e, YERR_IO, _("cannot write '%s': %s"), path, cairo_status_to_string(st));
	return 0;
}
