/* nfl-document.h: a scenario being edited: its file, its edits, undo
 *
 * Every change the application makes to a scenario goes through one of
 * these operations.  Each is one step of the undo history, named for the
 * Undo menu item ("Move ns2"), and each either succeeds or changes nothing
 * (a GError says why).  Namespaces and interfaces are named, never passed
 * as pointers: an undo replaces the scenario's contents, and pointers into
 * the old contents would dangle.  After any change the document emits
 * "changed"; views look their objects up again by name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nfl-commands.h"
#include "nfl-scenario.h"

G_BEGIN_DECLS

#define NFL_TYPE_DOCUMENT (nfl_document_get_type ())
G_DECLARE_FINAL_TYPE (NflDocument, nfl_document, NFL, DOCUMENT, GObject)

NflDocument  *nfl_document_new                  (void);
/* Takes a reference on @scenario; the history starts empty. */
NflDocument  *nfl_document_new_for_scenario     (NflScenario   *scenario);

NflScenario  *nfl_document_get_scenario         (NflDocument   *self);
GFile        *nfl_document_get_file             (NflDocument   *self);
void          nfl_document_set_file             (NflDocument   *self,
                                                 GFile         *file);
/* The scenario's title, else the file's name, else "Untitled Scenario". */
char         *nfl_document_dup_display_title    (NflDocument   *self);
gboolean      nfl_document_get_modified         (NflDocument   *self);
void          nfl_document_set_modified         (NflDocument   *self,
                                                 gboolean       modified);

/* Files.  Loading replaces the whole scenario (and clears the history) only
 * when the file is good; on error the document is unchanged.  Saving is
 * atomic (nfl_scenario_save_xml) and clears the modified flag. */
gboolean      nfl_document_load                 (NflDocument   *self,
                                                 GFile         *file,
                                                 GCancellable  *cancellable,
                                                 GError       **error);
void          nfl_document_load_async           (NflDocument   *self,
                                                 GFile         *file,
                                                 GCancellable  *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer       user_data);
gboolean      nfl_document_load_finish          (NflDocument   *self,
                                                 GAsyncResult  *result,
                                                 GError       **error);
gboolean      nfl_document_save                 (NflDocument   *self,
                                                 GFile         *file,
                                                 GCancellable  *cancellable,
                                                 GError       **error);

/* ---- edits: one undo step each ---------------------------------------- */

/* @name NULL: the first free "nsN".  Returns the new namespace's name. */
char         *nfl_document_add_namespace        (NflDocument   *self,
                                                 const char    *name,
                                                 double         x,
                                                 double         y,
                                                 GError       **error);
/* Removes the namespaces with their veth pairs (and the peer ends in other
 * namespaces, with the routes through them, as the kernel does). */
gboolean      nfl_document_remove_namespaces    (NflDocument   *self,
                                                 const char * const *names,
                                                 GError       **error);
/* What removing @names takes along, for a confirmation ("2 links, 3
 * addresses, 5 rules"), or NULL when nothing but the namespaces. */
char         *nfl_document_describe_removal     (NflDocument   *self,
                                                 const char * const *names);
gboolean      nfl_document_rename_namespace     (NflDocument   *self,
                                                 const char    *name,
                                                 const char    *new_name,
                                                 GError       **error);
/* Moves by (@dx, @dy) document units; one step for all of @names: names
 * of namespaces, or "NS/BRIDGE" for the box of a bridge. */
gboolean      nfl_document_move_namespaces      (NflDocument   *self,
                                                 const char * const *names,
                                                 double         dx,
                                                 double         dy,
                                                 GError       **error);
gboolean      nfl_document_set_notes            (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *notes,
                                                 GError       **error);
gboolean      nfl_document_set_ip_forward       (NflDocument   *self,
                                                 const char    *ns,
                                                 gboolean       enabled,
                                                 GError       **error);

/* The tutorial's names for a new veth pair between @ns_a and @ns_b:
 * "veth<N>_<ns_a>" and "veth<N>_<ns_b>" with the first N free in both
 * (cut to the kernel's 15 bytes). */
void          nfl_document_propose_link_names   (NflDocument   *self,
                                                 const char    *ns_a,
                                                 const char    *ns_b,
                                                 char         **name_a,
                                                 char         **name_b);
/* A veth pair, both ends up. */
gboolean      nfl_document_add_link             (NflDocument   *self,
                                                 const char    *ns_a,
                                                 const char    *name_a,
                                                 const char    *ns_b,
                                                 const char    *name_b,
                                                 GError       **error);
/* A veth pair whose end @name_a in @ns_a is a port of @bridge there. */
gboolean      nfl_document_add_bridge_link      (NflDocument   *self,
                                                 const char    *ns_a,
                                                 const char    *bridge,
                                                 const char    *name_a,
                                                 const char    *ns_b,
                                                 const char    *name_b,
                                                 GError       **error);
/* A bridge in @ns, up, its box at @x, @y; @name: the name it got (br0,
 * br1, …). */
gboolean      nfl_document_add_bridge           (NflDocument   *self,
                                                 const char    *ns,
                                                 double         x,
                                                 double         y,
                                                 char         **name,
                                                 GError       **error);
/* A machine's firewall (iptables-save text) in namespace @ns (added when
 * missing), with, when @addresses is given, what "ip -br addr" and "ip
 * route" print there (nfl_machine_add_interfaces ()); one step, nothing
 * changed on error, whose message starts with the text it is about
 * ("iptables-save:", "ip -br addr:", "ip route:") and the line. */
gboolean      nfl_document_import_machine       (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *rules,
                                                 const char    *addresses,
                                                 const char    *routes,
                                                 GError       **error);
/* Deletes a bridge; its ports stay, as plain veth ends. */
gboolean      nfl_document_remove_bridge        (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *bridge,
                                                 GError       **error);
/* Removes the veth pair that @iface of @ns belongs to. */
gboolean      nfl_document_remove_link          (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *iface,
                                                 GError       **error);
gboolean      nfl_document_rename_interface     (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *iface,
                                                 const char    *new_name,
                                                 GError       **error);
gboolean      nfl_document_set_interface_up     (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *iface,
                                                 gboolean       up,
                                                 GError       **error);
/* "10.1.0.10/24" */
gboolean      nfl_document_add_address          (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *iface,
                                                 const char    *cidr,
                                                 GError       **error);
gboolean      nfl_document_remove_address       (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *iface,
                                                 const char    *cidr,
                                                 GError       **error);
/* @spec in ip route syntax: "default via 10.1.0.1", "10.2.0.0/24 dev
 * veth1_ns2", checked as "ip route add" checks it. */
gboolean      nfl_document_add_route            (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *spec,
                                                 GError       **error);
gboolean      nfl_document_remove_route         (NflDocument   *self,
                                                 const char    *ns,
                                                 guint          index,
                                                 GError       **error);
/* @spec: "tcp 80" or "udp 53 10.1.0.1" */
gboolean      nfl_document_add_service          (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *spec,
                                                 GError       **error);
gboolean      nfl_document_remove_service       (NflDocument   *self,
                                                 const char    *ns,
                                                 guint          index,
                                                 GError       **error);
/* Saves @probe ("ns3 ping 169.254.169.254") after the scenario's others,
 * in canonical form ("Save Probe"). */
gboolean      nfl_document_add_probe            (NflDocument   *self,
                                                 const char    *probe,
                                                 GError       **error);
gboolean      nfl_document_set_title            (NflDocument   *self,
                                                 const char    *title,
                                                 GError       **error);
/* The scenario's description; typing is one step ("Edit Description"). */
gboolean      nfl_document_set_description      (NflDocument   *self,
                                                 const char    *description,
                                                 GError       **error);
/* Tutorial-style command lines, all or nothing, as one step ("Import
 * Commands"); new namespaces are laid out beside the existing ones. */
gboolean      nfl_document_apply_commands       (NflDocument   *self,
                                                 const char    *text,
                                                 NflSourcePos  *where,
                                                 GError       **error);

/* ---- rules and chains: one undo step each ------------------------------ */

/* A copy of @rule goes to @position of @chain (1-based; 0 = append), with
 * iptables' checks ("Insert Rule in nat PREROUTING"). */
gboolean      nfl_document_insert_rule          (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *chain,
                                                 guint          position,
                                                 const NflRule *rule,
                                                 GError       **error);
/* Rule @number (1-based) becomes a copy of @rule ("Edit Rule in …"). */
gboolean      nfl_document_replace_rule         (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *chain,
                                                 guint          number,
                                                 const NflRule *rule,
                                                 GError       **error);
/* @numbers: 1-based rule numbers, in any order. */
gboolean      nfl_document_delete_rules         (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *chain,
                                                 const guint   *numbers,
                                                 guint          n_numbers,
                                                 GError       **error);
/* The rules @numbers, in their order, go to @position (1-based, counted
 * in the chain as it is after they are taken out; 0 = the end). */
gboolean      nfl_document_move_rules           (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *chain,
                                                 const guint   *numbers,
                                                 guint          n_numbers,
                                                 guint          position,
                                                 GError       **error);
/* Copies of the rules @numbers (counters zero) right after the last. */
gboolean      nfl_document_duplicate_rules      (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *chain,
                                                 const guint   *numbers,
                                                 guint          n_numbers,
                                                 GError       **error);
gboolean      nfl_document_flush_chain          (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *chain,
                                                 GError       **error);
gboolean      nfl_document_set_policy           (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *chain,
                                                 NflPolicy      policy,
                                                 GError       **error);
/* @chain NULL: every chain of @table. */
gboolean      nfl_document_zero_counters        (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *chain,
                                                 GError       **error);
gboolean      nfl_document_add_chain            (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *name,
                                                 GError       **error);
/* As iptables -E: the rules that jump to the chain follow the new name. */
gboolean      nfl_document_rename_chain         (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *name,
                                                 const char    *new_name,
                                                 GError       **error);
/* Deletes a user chain with its rules; refused while rules jump to it
 * (the error lists them). */
gboolean      nfl_document_delete_chain         (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *name,
                                                 GError       **error);
/* The rules that jump or go to @name: "filter INPUT rule 1 (-j my_chain)",
 * one a line; NULL when none. */
char         *nfl_document_describe_references  (NflDocument   *self,
                                                 const char    *ns,
                                                 NflTableId     table,
                                                 const char    *name);
/* The tutorial's log_iptables_ns: a LOG rule at the top of every chain it
 * names, with its prefixes ("IPTABLES_ns2_NAT_PREROUTE "), in @ns or in
 * every namespace (@ns NULL); chains that start with that rule already
 * keep it once. */
gboolean      nfl_document_log_every_chain      (NflDocument   *self,
                                                 const char    *ns,
                                                 GError       **error);
/* Command lines as the console types them, bare iptables and sysctl
 * commands applying to @ns (may be NULL): all or nothing, one step when
 * they change anything; what they print goes to @output. */
gboolean      nfl_document_run_commands         (NflDocument   *self,
                                                 const char    *ns,
                                                 const char    *text,
                                                 GString       *output,
                                                 NflSourcePos  *where,
                                                 GError       **error);
/* The namespace, table and chain of the last iptables command that
 * nfl_document_run_commands () or nfl_document_apply_commands () ran and
 * that changed them; FALSE when none (*chain may be NULL). */
gboolean      nfl_document_get_last_command_target (NflDocument *self,
                                                 const char   **ns,
                                                 NflTableId    *table,
                                                 const char   **chain);

/* ---- history ------------------------------------------------------------ */

gboolean      nfl_document_can_undo             (NflDocument   *self);
gboolean      nfl_document_can_redo             (NflDocument   *self);
/* "Move ns2", "Add Link", … or NULL */
const char   *nfl_document_get_undo_label       (NflDocument   *self);
const char   *nfl_document_get_redo_label       (NflDocument   *self);
gboolean      nfl_document_undo                 (NflDocument   *self);
gboolean      nfl_document_redo                 (NflDocument   *self);

G_END_DECLS
