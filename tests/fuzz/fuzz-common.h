/* fuzz-common.h: what both libFuzzer targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

/* A g_critical () or g_warning () from the engine is a programming error
 * (a failed g_return_if_fail, a broken invariant): turn it into an abort
 * so that libFuzzer records the input, as G_DEBUG=fatal-warnings does for
 * the unit tests. */
static void
fuzz_init_glib (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_fatal_mask (NULL, G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
}
