/* nfl-inspector.h: the sidebar that shows and edits what is selected
 *
 * The inspector shows one of three things: the scenario (its title,
 * description and namespaces), one namespace (name, notes, forwarding,
 * interfaces, routes, services, rules) or one veth link (both ends).  It
 * names what it shows, never holds pointers into the model, and makes
 * every change through the document's operations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-engine.h"
#include "nfl-document.h"

G_BEGIN_DECLS

#define NFL_TYPE_INSPECTOR (nfl_inspector_get_type ())
G_DECLARE_FINAL_TYPE (NflInspector, nfl_inspector, NFL, INSPECTOR, GtkWidget)

GtkWidget   *nfl_inspector_new            (void);
NflDocument *nfl_inspector_get_document   (NflInspector *self);
void         nfl_inspector_set_document   (NflInspector *self,
                                           NflDocument  *document);
/* What it shows: a namespace, a link (one end: namespace and interface)
 * or the scenario.  A name that does not exist shows the scenario. */
void         nfl_inspector_show_namespace (NflInspector *self,
                                           const char   *ns);
void         nfl_inspector_show_link      (NflInspector *self,
                                           const char   *ns,
                                           const char   *iface);
void         nfl_inspector_show_scenario  (NflInspector *self);

G_END_DECLS
