/* testutil.h — includes cmocka needs, in the order it needs them. */
#ifndef YICI_TESTUTIL_H
#define YICI_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif
#endif
