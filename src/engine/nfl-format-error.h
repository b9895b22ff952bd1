/* nfl-format-error.h: the error domain of every engine parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NFL_FORMAT_ERROR (nfl_format_error_quark ())

typedef enum {
  NFL_FORMAT_ERROR_SYNTAX,      /* the text cannot be read */
  NFL_FORMAT_ERROR_INVALID,     /* readable, but refused (like iptables refuses) */
  NFL_FORMAT_ERROR_NOT_FOUND,   /* names something that does not exist */
  NFL_FORMAT_ERROR_EXISTS,      /* creates something that already exists */
  NFL_FORMAT_ERROR_UNSUPPORTED, /* valid Linux, but outside the model */
  NFL_FORMAT_ERROR_TOO_LARGE,
  NFL_FORMAT_ERROR_VERSION,
} NflFormatError;

GQuark nfl_format_error_quark (void);

G_END_DECLS
