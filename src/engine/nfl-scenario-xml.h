/* nfl-scenario-xml.h: scenario files (XML, format version 1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nfl-scenario.h"

G_BEGIN_DECLS

/* The format version this engine writes and the newest it reads. */
#define NFL_SCENARIO_XML_VERSION  1
/* Larger files are refused before they are read. */
#define NFL_SCENARIO_XML_MAX_SIZE (16 * 1024 * 1024)

/* Reads a scenario file: checked against the RELAX NG schema
 * (data/nflab-scenario.rng, compiled into the engine), then against the
 * model's rules.  Errors (NFL_FORMAT_ERROR) read "FILE:LINE: message". */
NflScenario *nfl_scenario_load_xml           (GFile         *file,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* The same from memory; @display_name stands for FILE in messages. */
NflScenario *nfl_scenario_load_xml_bytes     (GBytes        *bytes,
                                              const char    *display_name,
                                              GError       **error);

/* Every problem of a file ("FILE:LINE: message", char*), in the order
 * of the file; an empty array when the file is valid. */
GPtrArray   *nfl_scenario_validate_xml       (GFile         *file,
                                              GCancellable  *cancellable);
GPtrArray   *nfl_scenario_validate_xml_bytes (GBytes        *bytes,
                                              const char    *display_name);

/* The file's text: the same model always gives the same bytes. */
GBytes      *nfl_scenario_to_xml_bytes       (NflScenario   *scenario,
                                              GError       **error);
/* Writes atomically: a temporary file in the same folder renamed over
 * @file, the previous contents kept as "FILE~". */
gboolean     nfl_scenario_save_xml           (NflScenario   *scenario,
                                              GFile         *file,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_END_DECLS
