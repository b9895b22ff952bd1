/* nfl-document.c: a scenario being edited: its file, its edits, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history keeps whole copies of the scenario (nfl_scenario_copy ()),
 * one per step: a step holds the contents "on the other side" of it, and
 * undoing or redoing swaps them with the live scenario's contents through
 * nfl_scenario_take_contents ().  The live NflScenario object itself never
 * changes, so views can keep listening to it.
 *
 * Every edit checks everything before it touches the model; the edits
 * that reuse engine operations which can still refuse (routes, services,
 * command lines) run them on a copy, or on the model only when the engine
 * operation is itself all or nothing.  Names are checked against both the
 * kernel's rules and the scenario file's (letters, digits, "_", "." and
 * "-"), so that a document can always be saved.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nfl-commands.h"
#include "nfl-document-private.h"
#include "nfl-format-error.h"
#include "nfl-iptables-save.h"
#include "nfl-layout.h"
#include "nfl-machine.h"
#include "nfl-probe.h"
#include "nfl-scenario-xml.h"
#include "nfl-simulator.h"

/* The oldest steps are dropped beyond this. */
#define HISTORY_MAX 200
/* Moves of the same namespaces closer together than this are one step. */
#define MOVE_MERGE_USEC (G_USEC_PER_SEC)
/* The longest namespace name a scenario file accepts. */
#define NAMESPACE_NAME_MAX 64

G_DEFINE_FINAL_TYPE (NflDocument, nfl_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_TITLE,
  N_PROPS
};

enum {
  CHANGED,
  RULES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* steps                                                                   */
/* ---------------------------------------------------------------------- */

static Step *
step_new (const char  *label,
          NflScenario *scenario,
          MergeKind    merge,
          const char  *merge_key)
{
  Step *step = g_new0 (Step, 1);

  step->label = g_strdup (label);
  step->scenario = scenario;
  step->merge = merge;
  step->merge_key = g_strdup (merge_key);
  step->time = g_get_monotonic_time ();
  return step;
}

static void
step_free (Step *step)
{
  if (step == NULL)
    return;
  g_free (step->label);
  g_clear_object (&step->scenario);
  g_clear_pointer (&step->xml, g_bytes_unref);
  g_clear_pointer (&step->splices, g_ptr_array_unref);
  g_free (step->merge_key);
  g_free (step);
}

static Step *
last_step (GPtrArray *steps)
{
  return steps->len > 0 ? g_ptr_array_index (steps, steps->len - 1) : NULL;
}

/* Before a step goes on top of @steps: only the step that undo or redo
 * reaches next keeps its scenario file, so the history holds at most two
 * of them besides the model's. */
static void
forget_older_xml (GPtrArray *steps)
{
  Step *top = last_step (steps);

  if (top != NULL)
    g_clear_pointer (&top->xml, g_bytes_unref);
}

/* ---------------------------------------------------------------------- */
/* names and text                                                          */
/* ---------------------------------------------------------------------- */

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '-';
}

/* The kernel's rules, then the scenario file's (nfl-scenario-xml.c),
 * which are stricter: a name that passes can always be saved. */
static gboolean
check_name (const char  *name,
            gboolean     is_namespace,
            GError     **error)
{
  gsize len = strlen (name);
  gsize max = is_namespace ? NAMESPACE_NAME_MAX : NFL_IFNAMSIZ - 1;

  if (len == 0)
    {
      g_set_error_literal (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                           is_namespace ? _("A namespace needs a name.")
                                        : _("An interface needs a name."));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                           _("Names may hold only letters, digits, “_”, “.” and “-”."));
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    if (!is_name_char (*p))
      {
        g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                     _("“%s” cannot be used as a name: names may hold only letters, digits, “_”, “.” and “-”."),
                     name);
        return FALSE;
      }
  if (len > max)
    {
      if (is_namespace)
        g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                     _("“%s” is too long: a namespace name can have at most %u characters."),
                     name, (guint) max);
      else
        g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                     _("“%s” is too long: the kernel allows at most %u characters in an interface name."),
                     name, (guint) max);
      return FALSE;
    }
  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   _("“%s” cannot be used as a name."), name);
      return FALSE;
    }
  /* and whatever else the engine checks */
  return is_namespace ? nfl_namespace_name_is_valid (name, error)
                      : nfl_interface_name_is_valid (name, error);
}

/* What a scenario file can hold as text (notes, titles): XML 1.0 cannot
 * carry control characters other than tab, newline and carriage return. */
static gboolean
check_text (const char  *text,
            GError     **error)
{
  gboolean ok = g_utf8_validate (text, -1, NULL);

  for (const guchar *p = (const guchar *) text; ok && *p != '\0'; p++)
    if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      ok = FALSE;
  if (!ok)
    g_set_error_literal (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                         _("The text holds a control character or invalid UTF-8, which a scenario file cannot hold."));
  return ok;
}

/* An engine message ("1:40: “10.9.9.9”: Error: Nexthop has invalid
 * gateway…") as a sentence for the user: without the position, without
 * the word when the message names it anyway, without the kernel's
 * "RTNETLINK answers: File exists" when it explains itself, starting with
 * a capital (when @capitalize) and ending with a full stop. */
char *
_nfl_document_make_sentence (const char *message,
               gboolean    capitalize)
{
  const char *p = message;
  g_autofree char *word = NULL;
  g_autofree char *inner = NULL;
  GString *out;

  /* "LINE:COLUMN: " */
  while (g_ascii_isdigit (*p))
    p++;
  if (p > message && *p == ':')
    {
      const char *q = p + 1;
      while (g_ascii_isdigit (*q))
        q++;
      if (q > p + 1 && q[0] == ':' && q[1] == ' ')
        message = q + 2;
    }
  /* "“WORD”: ", kept only when the rest does not name the word */
  if (g_str_has_prefix (message, "“"))
    {
      const char *close = strstr (message, "”: ");
      if (close != NULL)
        {
          word = g_strndup (message + strlen ("“"), close - message - strlen ("“"));
          message = close + strlen ("”: ");
          if (strstr (message, word) != NULL)
            g_clear_pointer (&word, g_free);
        }
    }
  if (g_str_has_prefix (message, "Error: "))
    message += strlen ("Error: ");
  /* "RTNETLINK answers: File exists (EXPLANATION)" */
  if (g_str_has_prefix (message, "RTNETLINK answers: ") && g_str_has_suffix (message, ")") &&
      strstr (message, " (") != NULL)
    {
      const char *open = strstr (message, " (") + 2;
      inner = g_strndup (open, strlen (open) - 1);
      message = inner;
    }

  out = g_string_new (NULL);
  if (word != NULL)
    g_string_append_printf (out, "“%s”: ", word);
  g_string_append (out, message);
  /* not "Iptables (ns1): …" */
  if (capitalize && word == NULL && g_ascii_islower (message[0]) &&
      !g_str_has_prefix (message, "ip ") && !g_str_has_prefix (message, "iptables") &&
      !g_str_has_prefix (message, "sysctl"))
    out->str[0] = g_ascii_toupper (out->str[0]);
  if (out->len > 0 && strchr (".!?", out->str[out->len - 1]) == NULL)
    g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

/* Replaces *error by the same error with its message made a sentence. */
void
_nfl_document_polish_error (GError **error)
{
  if (error != NULL && *error != NULL)
    {
      char *sentence = _nfl_document_make_sentence ((*error)->message, TRUE);
      g_free ((*error)->message);
      (*error)->message = sentence;
    }
}

/* ---------------------------------------------------------------------- */
/* model look-ups                                                          */
/* ---------------------------------------------------------------------- */

NflNamespace *
_nfl_document_need_namespace (NflScenario  *scenario,
                const char   *name,
                GError      **error)
{
  NflNamespace *ns = nfl_scenario_find_namespace (scenario, name);

  if (ns == NULL)
    g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                 _("There is no namespace named “%s”."), name);
  return ns;
}

static NflInterface *
need_interface (NflNamespace  *ns,
                const char    *name,
                GError       **error)
{
  NflInterface *iface = nfl_namespace_find_interface (ns, name);

  if (iface == NULL)
    g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                 _("%s has no interface named “%s”."), ns->name, name);
  return iface;
}

static gboolean
need_bridge (NflInterface  *iface,
             GError       **error)
{
  if (!iface->is_bridge)
    g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                 _("%s of %s is not a bridge."), iface->name, iface->ns ? iface->ns->name : "");
  return iface->is_bridge;
}

/* "NS/BRIDGE", a bridge's box on the canvas: the bridge, or NULL (with
 * @error) */
static NflInterface *
need_bridge_node (NflScenario  *scenario,
                  const char   *name,
                  GError      **error)
{
  const char *slash = strchr (name, '/');
  g_autofree char *ns_name = g_strndup (name, slash - name);
  NflNamespace *ns = _nfl_document_need_namespace (scenario, ns_name, error);
  NflInterface *bridge = ns ? need_interface (ns, slash + 1, error) : NULL;

  return bridge != NULL && need_bridge (bridge, error) ? bridge : NULL;
}

/* The namespaces @names name, each once, in the order given. */
static GPtrArray *
need_namespaces (NflScenario         *scenario,
                 const char * const  *names,
                 GError             **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      NflNamespace *ns = _nfl_document_need_namespace (scenario, names[i], error);

      if (ns == NULL)
        return NULL;
      if (!g_ptr_array_find (list, ns, NULL))
        g_ptr_array_add (list, ns);
    }
  return g_steal_pointer (&list);
}

static void
drop_routes_through (NflNamespace *ns,
                     const char   *dev)
{
  for (guint r = ns->routes->len; r > 0; r--)
    {
      NflRoute *route = g_ptr_array_index (ns->routes, r - 1);
      if (route->dev != NULL && strcmp (route->dev, dev) == 0)
        g_ptr_array_remove_index (ns->routes, r - 1);
    }
}

static guint
count_routes_through (NflNamespace *ns,
                      const char   *dev)
{
  guint count = 0;

  for (guint r = 0; r < ns->routes->len; r++)
    {
      NflRoute *route = g_ptr_array_index (ns->routes, r);
      if (route->dev != NULL && strcmp (route->dev, dev) == 0)
        count++;
    }
  return count;
}

/* Removes one veth end or bridge with the routes through it (the caller
 * unlinks a veth's peer); a bridge's ports are released. */
static void
remove_interface (NflScenario  *scenario,
                  NflInterface *iface)
{
  if (iface->ns != NULL)
    {
      for (guint i = 0; i < iface->ns->interfaces->len; i++)
        {
          NflInterface *other = g_ptr_array_index (iface->ns->interfaces, i);
          if (other->master == iface)
            other->master = NULL;
        }
      drop_routes_through (iface->ns, iface->name);
      g_ptr_array_remove (iface->ns->interfaces, iface);
    }
  else
    g_ptr_array_remove (nfl_scenario_get_host_interfaces (scenario), iface);
}

/* The namespace a saved probe starts in, or NULL when it does not parse. */
static char *
probe_namespace (const char *text)
{
  NflProbe probe = { 0 };
  char *ns;

  if (!nfl_probe_parse (text, &probe, NULL))
    return NULL;
  ns = g_steal_pointer (&probe.ns);
  nfl_probe_clear (&probe);
  return ns;
}

/* A file cannot hold a probe from a namespace it does not define. */
static void
drop_orphan_probes (NflScenario *scenario)
{
  GPtrArray *probes = nfl_scenario_get_probes (scenario);

  for (guint i = probes->len; i > 0; i--)
    {
      g_autofree char *ns = probe_namespace (g_ptr_array_index (probes, i - 1));

      if (ns == NULL || nfl_scenario_find_namespace (scenario, ns) == NULL)
        g_ptr_array_remove_index (probes, i - 1);
    }
}

static void
rename_in_probes (NflScenario *scenario,
                  const char  *name,
                  const char  *new_name)
{
  GPtrArray *probes = nfl_scenario_get_probes (scenario);

  for (guint i = 0; i < probes->len; i++)
    {
      NflProbe probe = { 0 };

      if (!nfl_probe_parse (g_ptr_array_index (probes, i), &probe, NULL))
        continue;
      if (strcmp (probe.ns, name) == 0)
        {
          g_free (probe.ns);
          probe.ns = g_strdup (new_name);
          g_free (probes->pdata[i]);
          probes->pdata[i] = nfl_probe_to_string (&probe);
        }
      nfl_probe_clear (&probe);
    }
}

/* -i and -o of the rules of @ns */
static void
rename_in_rules (NflNamespace *ns,
                 const char   *name,
                 const char   *new_name)
{
  gboolean changed = FALSE;

  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      GPtrArray *chains = ns->ruleset->tables[t].chains;

      for (guint c = 0; c < chains->len; c++)
        {
          NflChain *chain = g_ptr_array_index (chains, c);

          for (guint r = 0; r < chain->rules->len; r++)
            {
              NflRule *rule = g_ptr_array_index (chain->rules, r);

              if (rule->has_in && strcmp (rule->in, name) == 0)
                {
                  g_strlcpy (rule->in, new_name, sizeof rule->in);
                  changed = TRUE;
                }
              if (rule->has_out && strcmp (rule->out, name) == 0)
                {
                  g_strlcpy (rule->out, new_name, sizeof rule->out);
                  changed = TRUE;
                }
            }
        }
    }
  if (changed)
    nfl_ruleset_changed (ns->ruleset);
}

/* "veth<N>_<ns>", cut to the kernel's 15 bytes, with any character a
 * name cannot hold replaced by "_" */
static char *
link_name (guint       n,
           const char *ns)
{
  GString *name = g_string_new (NULL);

  g_string_printf (name, "veth%u_", n);
  for (const char *p = ns; *p != '\0' && name->len < NFL_IFNAMSIZ - 1; p++)
    g_string_append_c (name, is_name_char (*p) ? *p : '_');
  return g_string_free (name, FALSE);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
link_name_taken (NflNamespace *ns,
                 const char   *name)
{
  return ns != NULL && nfl_namespace_find_interface (ns, name) != NULL;
}

static gboolean
parse_cidr (const char  *cidr,
            guint32     *addr,
            guint       *prefix_len,
            GError     **error)
{
  if (!nfl_ipv4_parse_cidr (cidr, addr, prefix_len))
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                   _("“%s” is not an IPv4 address with a prefix length, such as 10.1.0.10/24."), cidr);
      return FALSE;
    }
  return TRUE;
}

static gboolean
find_address (NflInterface *iface,
              guint32       addr,
              guint         prefix_len,
              guint        *index)
{
  for (guint a = 0; a < iface->addresses->len; a++)
    {
      NflAddress *address = &g_array_index (iface->addresses, NflAddress, a);
      if (address->addr == addr && address->prefix_len == prefix_len)
        {
          *index = a;
          return TRUE;
        }
    }
  return FALSE;
}

/* New namespaces go in a row below the lowest of the others, which stay
 * where they are; when all are new, they are laid out along their links. */
static void
place_new_namespaces (NflScenario *scenario,
                      GHashTable  *old_names)
{
  GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);
  gboolean any_old = FALSE;
  double left = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  guint column = 0;

  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);

      if (g_hash_table_contains (old_names, ns->name))
        {
          any_old = TRUE;
          left = MIN (left, ns->x);
          bottom = MAX (bottom, ns->y);
        }
    }
  if (!any_old)
    {
      if (namespaces->len > 0)
        nfl_scenario_auto_layout (scenario);
      return;
    }
  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);

      if (g_hash_table_contains (old_names, ns->name))
        continue;
      ns->x = left + column++ * NFL_LAYOUT_COLUMN_WIDTH;
      ns->y = bottom + NFL_LAYOUT_ROW_HEIGHT;
    }
}

/* ---------------------------------------------------------------------- */
/* properties and signals                                                  */
/* ---------------------------------------------------------------------- */

/* Notifies the title when the display title changed. */
static void
sync_title (NflDocument *self)
{
  g_autofree char *title = nfl_document_dup_display_title (self);

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Notifies every property whose value changed since the last call. */
static void
sync_properties (NflDocument *self)
{
  gboolean modified = nfl_document_get_modified (self);
  gboolean can_undo = nfl_document_can_undo (self);
  gboolean can_redo = nfl_document_can_redo (self);
  const char *undo_label = nfl_document_get_undo_label (self);
  const char *redo_label = nfl_document_get_redo_label (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (modified != self->was_modified)
    {
      self->was_modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (can_undo != self->could_undo)
    {
      self->could_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->could_redo)
    {
      self->could_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_strdup (undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_strdup (redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
  sync_title (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* After any change of the model: the properties, then "changed". */
void
_nfl_document_finish_change (NflDocument *self)
{
  sync_properties (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The rules @splice covers changed: @removed rules at its index gave way
 * to @added. */
static void
emit_rules_changed (NflDocument         *self,
                    const NflRuleSplice *splice,
                    guint                removed,
                    guint                added)
{
  g_signal_emit (self, signals[RULES_CHANGED], 0, splice->ns, (guint) splice->table, splice->chain,
                 splice->index, removed, added);
}

/* ---------------------------------------------------------------------- */
/* history                                                                 */
/* ---------------------------------------------------------------------- */

static gboolean
can_merge (NflDocument *self,
           MergeKind    merge,
           const char  *key)
{
  Step *step = self->open_step;

  if (merge == MERGE_NONE || step == NULL || step != last_step (self->undo) || self->redo->len > 0)
    return FALSE;
  /* the state after the open step was saved: a new step starts */
  if (self->saved_at == (int) self->undo->len)
    return FALSE;
  if (step->merge != merge || g_strcmp0 (step->merge_key, key) != 0)
    return FALSE;
  if (merge == MERGE_MOVE && g_get_monotonic_time () - step->time > MOVE_MERGE_USEC)
    return FALSE;
  return TRUE;
}

void
_nfl_document_push_step (NflDocument *self,
           NflScenario *before,     /* (transfer full) */
           const char  *label,
           MergeKind    merge,
           const char  *key)
{
  Step *step;

  /* a new edit ends the redo history, and with it a saved state there */
  if (self->saved_at > (int) self->undo->len)
    self->saved_at = -1;
  g_ptr_array_set_size (self->redo, 0);

  step = step_new (label, before, merge, key);
  forget_older_xml (self->undo);
  g_ptr_array_add (self->undo, step);
  self->open_step = step;

  while (self->undo->len > HISTORY_MAX)
    {
      g_ptr_array_remove_index (self->undo, 0);
      if (self->saved_at >= 0)
        self->saved_at--;
    }
}

/* An edit made on the model itself.  Returns the copy that undoes it, or
 * NULL when it merges into the open step (which already holds the state
 * before the first of the merged edits). */
NflScenario *
_nfl_document_begin_edit (NflDocument *self,
            MergeKind    merge,
            const char  *key)
{
  /* the model is about to change, whether or not it says so later */
  g_clear_pointer (&self->model_xml, g_bytes_unref);
  if (can_merge (self, merge, key))
    return NULL;
  return nfl_scenario_copy (self->scenario);
}

/* The step of an edit: a new one, or the open one it merges into. */
static void
record_edit (NflDocument *self,
             NflScenario *before,   /* (transfer full) (nullable) */
             const char  *label,
             MergeKind    merge,
             const char  *key)
{
  if (before == NULL)
    self->open_step->time = g_get_monotonic_time ();
  else
    _nfl_document_push_step (self, before, label, merge, key);
}

/* An edit made on the model is complete. */
void
_nfl_document_commit_edit (NflDocument *self,
             NflScenario *before,   /* (transfer full) (nullable) */
             const char  *label,
             MergeKind    merge,
             const char  *key)
{
  record_edit (self, before, label, merge, key);
  nfl_scenario_changed (self->scenario);
  _nfl_document_finish_change (self);
}

/* Makes @work's contents the model's; @work gets the old ones. */
static void
swap_contents (NflDocument *self,
               NflScenario *work)
{
  g_autoptr(NflScenario) old = nfl_scenario_new ();

  nfl_scenario_take_contents (old, self->scenario);
  /* this emits the scenario's "changed" */
  nfl_scenario_take_contents (self->scenario, work);
  nfl_scenario_take_contents (work, old);
}

/* An edit made on a copy of the model: @work becomes the model. */
void
_nfl_document_commit_work (NflDocument *self,
             NflScenario *work,     /* (transfer full) */
             const char  *label)
{
  /* the title's notification waits for the step */
  g_object_freeze_notify (G_OBJECT (self));
  swap_contents (self, work);
  _nfl_document_push_step (self, work, label, MERGE_NONE, NULL);
  g_object_thaw_notify (G_OBJECT (self));
  _nfl_document_finish_change (self);
}

void
_nfl_document_push_splices (NflDocument *self,
                            GPtrArray   *splices,
                            const char  *label)
{
  _nfl_document_push_step (self, NULL, label, MERGE_NONE, NULL);
  last_step (self->undo)->splices = splices;
  /* the edit is made: each splice holds what it took out (rules) and
   * counts what it put in (n_rules), which is what an undo swaps back */
  for (guint i = 0; i < splices->len; i++)
    {
      NflRuleSplice *splice = g_ptr_array_index (splices, i);
      emit_rules_changed (self, splice, splice->rules->len, splice->n_rules);
    }
  nfl_scenario_changed (self->scenario);
  _nfl_document_finish_change (self);
}

static void
clear_history (NflDocument *self)
{
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->open_step = NULL;
}

/* Moves the last step of @from to @to, swapping its contents with the
 * model's. */
static void
travel (NflDocument *self,
        GPtrArray   *from,
        GPtrArray   *to)
{
  Step *step = g_ptr_array_steal_index (from, from->len - 1);
  g_autoptr(GBytes) model_xml = g_steal_pointer (&self->model_xml);

  g_object_freeze_notify (G_OBJECT (self));
  if (step->splices != NULL)
    {
      /* undone last to first; the step then holds their inverses, which
       * apply in the opposite order */
      for (guint i = step->splices->len; i > 0; i--)
        {
          NflRuleSplice *splice = g_ptr_array_index (step->splices, i - 1);
          guint added = splice->rules->len;
          guint removed = splice->n_rules;

          /* the history is linear, so the chain is there as the step left it */
          if (!_nfl_rule_splice_travel (splice, self->scenario))
            g_critical ("An undo step no longer fits its chain %s", splice->chain);
          else
            emit_rules_changed (self, splice, removed, added);
        }
      for (guint i = 0; i < step->splices->len / 2; i++)
        {
          gpointer first = step->splices->pdata[i];
          step->splices->pdata[i] = step->splices->pdata[step->splices->len - 1 - i];
          step->splices->pdata[step->splices->len - 1 - i] = first;
        }
      nfl_scenario_changed (self->scenario);
    }
  else
    {
      swap_contents (self, step->scenario);
      /* the files travel with the contents */
      self->model_xml = g_steal_pointer (&step->xml);
      step->xml = g_steal_pointer (&model_xml);
    }
  forget_older_xml (to);
  g_ptr_array_add (to, step);
  self->open_step = NULL;
  g_object_thaw_notify (G_OBJECT (self));
  _nfl_document_finish_change (self);
}

/* ---------------------------------------------------------------------- */
/* loading                                                                 */
/* ---------------------------------------------------------------------- */

static void
take_loaded (NflDocument *self,
             NflScenario *loaded,
             GFile       *file)
{
  g_object_freeze_notify (G_OBJECT (self));
  nfl_scenario_take_contents (self->scenario, loaded);
  clear_history (self);
  self->saved_at = 0;
  if (self->file != file)
    {
      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  _nfl_document_finish_change (self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  NflScenario *scenario = nfl_scenario_load_xml (file, cancellable, &error);

  if (scenario == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scenario, g_object_unref);
}

/* Back on the main thread: the loaded scenario goes in, unless the load
 * was cancelled meanwhile. */
static void
load_thread_done_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(NflScenario) loaded = NULL;
  GError *error = NULL;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (loaded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  take_loaded (NFL_DOCUMENT (source_object), loaded, g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

/* ---------------------------------------------------------------------- */
/* callbacks                                                               */
/* ---------------------------------------------------------------------- */

static void
scenario_title_changed_cb (NflDocument *self)
{
  sync_title (self);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
scenario_changed_cb (NflDocument *self)
{
  g_clear_pointer (&self->model_xml, g_bytes_unref);
}

static void
nfl_document_constructed (GObject *object)
{
  NflDocument *self = NFL_DOCUMENT (object);

  G_OBJECT_CLASS (nfl_document_parent_class)->constructed (object);

  if (self->scenario == NULL)
    self->scenario = nfl_scenario_new ();
  self->title_handler = g_signal_connect_swapped (self->scenario, "notify::title",
                                                  G_CALLBACK (scenario_title_changed_cb), self);
  self->scenario_changed_handler = g_signal_connect_swapped (self->scenario, "changed",
                                                             G_CALLBACK (scenario_changed_cb), self);
  self->title = nfl_document_dup_display_title (self);
}

static void
nfl_document_dispose (GObject *object)
{
  NflDocument *self = NFL_DOCUMENT (object);

  if (self->scenario != NULL)
    {
      g_clear_signal_handler (&self->title_handler, self->scenario);
      g_clear_signal_handler (&self->scenario_changed_handler, self->scenario);
    }
  g_clear_pointer (&self->model_xml, g_bytes_unref);
  g_clear_object (&self->scenario);
  g_clear_object (&self->file);
  self->open_step = NULL;
  if (self->undo != NULL)
    g_ptr_array_set_size (self->undo, 0);
  if (self->redo != NULL)
    g_ptr_array_set_size (self->redo, 0);

  G_OBJECT_CLASS (nfl_document_parent_class)->dispose (object);
}

static void
nfl_document_finalize (GObject *object)
{
  NflDocument *self = NFL_DOCUMENT (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->last_namespace, g_free);
  g_clear_pointer (&self->last_chain, g_free);

  G_OBJECT_CLASS (nfl_document_parent_class)->finalize (object);
}

static void
nfl_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NflDocument *self = NFL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_object (value, nfl_document_get_scenario (self));
      break;
    case PROP_FILE:
      g_value_set_object (value, nfl_document_get_file (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, nfl_document_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, nfl_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, nfl_document_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, nfl_document_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, nfl_document_get_redo_label (self));
      break;
    case PROP_TITLE:
      g_value_take_string (value, nfl_document_dup_display_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_document_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NflDocument *self = NFL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      /* construct-only: the document keeps this object for its life */
      g_assert (self->scenario == NULL);
      self->scenario = g_value_dup_object (value);
      break;
    case PROP_FILE:
      nfl_document_set_file (self, g_value_get_object (value));
      break;
    case PROP_MODIFIED:
      nfl_document_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_document_class_init (NflDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nfl_document_constructed;
  object_class->dispose = nfl_document_dispose;
  object_class->finalize = nfl_document_finalize;
  object_class->get_property = nfl_document_get_property;
  object_class->set_property = nfl_document_set_property;

  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL, NFL_TYPE_SCENARIO,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* after every edit, undo, redo and load: views look their objects up
   * again by name */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Before "changed", when an edit, undo or redo changed only the rules
   * of one stretch of one chain: at @index, @removed rules gave way to
   * @added.  A view of that chain can update just those rows; whatever
   * else a view shows follows "changed". */
  signals[RULES_CHANGED] =
    g_signal_new ("rules-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 6,
                  G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
nfl_document_init (NflDocument *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->saved_at = 0;
}

/* ---------------------------------------------------------------------- */
/* public API: the document                                                */
/* ---------------------------------------------------------------------- */

NflDocument *
nfl_document_new (void)
{
  return g_object_new (NFL_TYPE_DOCUMENT, NULL);
}

NflDocument *
nfl_document_new_for_scenario (NflScenario *scenario)
{
  g_return_val_if_fail (NFL_IS_SCENARIO (scenario), NULL);

  return g_object_new (NFL_TYPE_DOCUMENT, "scenario", scenario, NULL);
}

NflScenario *
nfl_document_get_scenario (NflDocument *self)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), NULL);
  return self->scenario;
}

GFile *
nfl_document_get_file (NflDocument *self)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), NULL);
  return self->file;
}

void
nfl_document_set_file (NflDocument *self,
                       GFile       *file)
{
  g_return_if_fail (NFL_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;
  g_set_object (&self->file, file);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  sync_title (self);
  g_object_thaw_notify (G_OBJECT (self));
}

char *
nfl_document_dup_display_title (NflDocument *self)
{
  const char *title;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), NULL);

  title = self->scenario != NULL ? nfl_scenario_get_title (self->scenario) : NULL;
  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);

      if (basename != NULL && strcmp (basename, "/") != 0)
        return g_filename_display_name (basename);
    }
  return g_strdup (_("Untitled Scenario"));
}

gboolean
nfl_document_get_modified (NflDocument *self)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  return self->saved_at != (int) self->undo->len;
}

/* FALSE: the current state is the saved one (undoing away from it sets
 * the flag, redoing back clears it); TRUE: no state in the history is. */
void
nfl_document_set_modified (NflDocument *self,
                           gboolean     modified)
{
  g_return_if_fail (NFL_IS_DOCUMENT (self));

  if (modified)
    {
      if (nfl_document_get_modified (self))
        return;
      self->saved_at = -1;
    }
  else
    {
      self->saved_at = self->undo->len;
      self->open_step = NULL;
    }
  sync_properties (self);
}

gboolean
nfl_document_load (NflDocument   *self,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(NflScenario) loaded = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  loaded = nfl_scenario_load_xml (file, cancellable, error);
  if (loaded == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  take_loaded (self, loaded, file);
  return TRUE;
}

void
nfl_document_load_async (NflDocument         *self,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;

  g_return_if_fail (NFL_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nfl_document_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  /* the file is read in a thread; its result goes into the document in
   * load_thread_done_cb, on this thread */
  thread_task = g_task_new (self, cancellable, load_thread_done_cb, g_object_ref (task));
  g_task_set_source_tag (thread_task, load_thread);
  g_task_set_task_data (thread_task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (thread_task, load_thread);
}

gboolean
nfl_document_load_finish (NflDocument   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nfl_document_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* @file NULL: the document's own file. */
gboolean
nfl_document_save (NflDocument   *self,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);
  g_return_val_if_fail (file != NULL || self->file != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (file == NULL)
    file = self->file;
  if (!nfl_scenario_save_xml (self->scenario, file, cancellable, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  nfl_document_set_file (self, file);
  nfl_document_set_modified (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* public API: namespaces                                                  */
/* ---------------------------------------------------------------------- */

char *
nfl_document_add_namespace (NflDocument  *self,
                            const char   *name,
                            double        x,
                            double        y,
                            GError      **error)
{
  g_autofree char *free_name = NULL;
  g_autofree char *label = NULL;
  NflScenario *before;
  NflNamespace *ns;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (isfinite (x) && isfinite (y), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    {
      for (guint n = 1; free_name == NULL; n++)
        {
          char *candidate = g_strdup_printf ("ns%u", n);
          if (nfl_scenario_find_namespace (self->scenario, candidate) == NULL)
            free_name = candidate;
          else
            g_free (candidate);
        }
      name = free_name;
    }
  if (!check_name (name, TRUE, error))
    return NULL;
  if (nfl_scenario_find_namespace (self->scenario, name) != NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   _("There is already a namespace named “%s”."), name);
      return NULL;
    }

  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  ns = nfl_scenario_add_namespace (self->scenario, name, error);
  if (ns == NULL)
    {
      g_object_unref (before);
      return NULL;
    }
  ns->x = x;
  ns->y = y;
  /* Translators: an Undo menu item; %s is a namespace name */
  label = g_strdup_printf (_("Add Namespace %s"), name);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return g_strdup (name);
}

gboolean
nfl_document_remove_namespaces (NflDocument         *self,
                                const char * const  *names,
                                GError             **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL;
  NflScenario *before;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (names != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  list = need_namespaces (self->scenario, names, error);
  if (list == NULL)
    return FALSE;
  if (list->len == 0)
    return TRUE;

  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (removed, g_strdup (((NflNamespace *) g_ptr_array_index (list, i))->name));
  if (removed->len == 1)
    /* Translators: an Undo menu item; %s is a namespace name */
    label = g_strdup_printf (_("Remove %s"), (char *) g_ptr_array_index (removed, 0));
  else
    /* Translators: an Undo menu item */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Remove %u Namespace", "Remove %u Namespaces",
                                          removed->len), removed->len);

  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  for (guint i = 0; i < removed->len; i++)
    {
      /* cannot fail: each name is there, once */
      if (!nfl_scenario_remove_namespace (self->scenario, g_ptr_array_index (removed, i), NULL))
        g_assert_not_reached ();
    }
  drop_orphan_probes (self->scenario);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;
}

char *
nfl_document_describe_removal (NflDocument         *self,
                               const char * const  *names)
{
  g_autoptr(GHashTable) set = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) counted = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *probes;
  guint links = 0, addresses = 0, routes = 0, services = 0, rules = 0, saved_probes = 0;
  g_autofree char *list = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (names != NULL, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      NflNamespace *ns = nfl_scenario_find_namespace (self->scenario, names[i]);
      if (ns != NULL)
        g_hash_table_add (set, ns);
    }

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, set);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        NflNamespace *ns = key;

        for (guint i = 0; i < ns->interfaces->len; i++)
          {
            NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
            NflInterface *peer = iface->peer;

            for (guint a = 0; a < iface->addresses->len; a++)
              {
                NflAddress *address = &g_array_index (iface->addresses, NflAddress, a);
                /* every loopback has 127.0.0.1/8 */
                if (!(iface->is_loopback && address->addr == 0x7f000001 && address->prefix_len == 8))
                  addresses++;
              }
            if (peer == NULL || g_hash_table_contains (counted, iface))
              continue;
            links++;
            g_hash_table_add (counted, iface);
            g_hash_table_add (counted, peer);
            if (peer->ns == NULL || !g_hash_table_contains (set, peer->ns))
              {
                /* the peer goes too, with its addresses and routes */
                addresses += peer->addresses->len;
                if (peer->ns != NULL)
                  routes += count_routes_through (peer->ns, peer->name);
              }
          }
        routes += ns->routes->len;
        services += ns->services->len;
        rules += nfl_ruleset_count_rules (ns->ruleset);
      }
  }
  probes = nfl_scenario_get_probes (self->scenario);
  for (guint i = 0; i < probes->len; i++)
    {
      g_autofree char *ns = probe_namespace (g_ptr_array_index (probes, i));
      NflNamespace *from = ns != NULL ? nfl_scenario_find_namespace (self->scenario, ns) : NULL;

      if (from != NULL && g_hash_table_contains (set, from))
        saved_probes++;
    }

  if (links > 0)
    g_ptr_array_add (items, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", links), links));
  if (addresses > 0)
    g_ptr_array_add (items, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u address", "%u addresses",
                                                          addresses), addresses));
  if (routes > 0)
    g_ptr_array_add (items, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u route", "%u routes", routes),
                                             routes));
  if (services > 0)
    g_ptr_array_add (items, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service", "%u services",
                                                          services), services));
  if (rules > 0)
    g_ptr_array_add (items, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rule", "%u rules", rules), rules));
  if (saved_probes > 0)
    g_ptr_array_add (items, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u saved probe", "%u saved probes",
                                                          saved_probes), saved_probes));
  if (items->len == 0)
    return NULL;

  list = g_strdup (g_ptr_array_index (items, 0));
  for (guint i = 1; i < items->len; i++)
    {
      char *longer;

      if (i + 1 < items->len)
        /* Translators: joins the items of a list ("2 links, 3 addresses") */
        longer = g_strdup_printf (_("%s, %s"), list, (char *) g_ptr_array_index (items, i));
      else
        /* Translators: joins the last item of a list ("2 links, 3 addresses and 5 rules") */
        longer = g_strdup_printf (_("%s and %s"), list, (char *) g_ptr_array_index (items, i));
      g_free (list);
      list = longer;
    }
  /* Translators: %s is a list such as "2 links, 3 addresses and 5 rules" */
  return g_strdup_printf (_("This also removes %s."), list);
}

gboolean
nfl_document_rename_namespace (NflDocument  *self,
                               const char   *name,
                               const char   *new_name,
                               GError      **error)
{
  g_autofree char *label = NULL;
  NflScenario *before;
  NflNamespace *ns;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, name, error)) == NULL)
    return FALSE;
  if (strcmp (name, new_name) == 0)
    return TRUE;
  if (!check_name (new_name, TRUE, error))
    return FALSE;
  if (nfl_scenario_find_namespace (self->scenario, new_name) != NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   _("There is already a namespace named “%s”."), new_name);
      return FALSE;
    }

  /* Translators: an Undo menu item: "Rename ns1 to web" */
  label = g_strdup_printf (_("Rename %s to %s"), name, new_name);
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  /* veth peers point at the namespace itself; only the saved probes
   * name it */
  rename_in_probes (self->scenario, ns->name, new_name);
  g_free (ns->name);
  ns->name = g_strdup (new_name);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;
}

gboolean
nfl_document_move_namespaces (NflDocument         *self,
                              const char * const  *names,
                              double               dx,
                              double               dy,
                              GError             **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) bridges = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  NflScenario *before;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (names != NULL, FALSE);
  g_return_val_if_fail (isfinite (dx) && isfinite (dy), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  {
    /* namespaces, and bridges' boxes ("NS/BRIDGE") */
    g_autoptr(GPtrArray) namespace_names = g_ptr_array_new ();

    bridges = g_ptr_array_new ();
    for (guint i = 0; names[i] != NULL; i++)
      {
        NflInterface *bridge;

        if (strchr (names[i], '/') == NULL)
          g_ptr_array_add (namespace_names, (gpointer) names[i]);
        else if ((bridge = need_bridge_node (self->scenario, names[i], error)) == NULL)
          return FALSE;
        else if (!g_ptr_array_find (bridges, bridge, NULL))
          g_ptr_array_add (bridges, bridge);
      }
    g_ptr_array_add (namespace_names, NULL);
    list = need_namespaces (self->scenario, (const char * const *) namespace_names->pdata, error);
  }
  if (list == NULL)
    return FALSE;
  if (list->len + bridges->len == 0 || (dx == 0 && dy == 0))
    return TRUE;

  /* the same set of boxes, whatever the order */
  sorted = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (sorted, g_strdup (((NflNamespace *) g_ptr_array_index (list, i))->name));
  for (guint i = 0; i < bridges->len; i++)
    {
      NflInterface *bridge = g_ptr_array_index (bridges, i);
      g_ptr_array_add (sorted, g_strconcat (bridge->ns->name, "/", bridge->name, NULL));
    }
  g_ptr_array_sort (sorted, compare_names);
  g_ptr_array_add (sorted, NULL);
  key = g_strjoinv ("\n", (char **) sorted->pdata);

  if (list->len == 1 && bridges->len == 0)
    /* Translators: an Undo menu item; %s is a namespace name */
    label = g_strdup_printf (_("Move %s"), ((NflNamespace *) g_ptr_array_index (list, 0))->name);
  else if (list->len == 0 && bridges->len == 1)
    /* Translators: an Undo menu item; %s is a bridge's name */
    label = g_strdup_printf (_("Move %s"), ((NflInterface *) g_ptr_array_index (bridges, 0))->name);
  else if (list->len == 0)
    /* Translators: an Undo menu item */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u Bridge", "Move %u Bridges", bridges->len),
                             bridges->len);
  else
    /* Translators: an Undo menu item */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u Namespace", "Move %u Namespaces", list->len),
                             list->len);

  before = _nfl_document_begin_edit (self, MERGE_MOVE, key);
  for (guint i = 0; i < list->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (list, i);
      ns->x += dx;
      ns->y += dy;
    }
  for (guint i = 0; i < bridges->len; i++)
    {
      NflInterface *bridge = g_ptr_array_index (bridges, i);
      bridge->x += dx;
      bridge->y += dy;
    }
  _nfl_document_commit_edit (self, before, label, MERGE_MOVE, key);
  return TRUE;
}

gboolean
nfl_document_set_notes (NflDocument  *self,
                        const char   *ns_name,
                        const char   *notes,
                        GError      **error)
{
  g_autofree char *label = NULL;
  NflScenario *before;
  NflNamespace *ns;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (notes == NULL)
    notes = "";
  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL)
    return FALSE;
  if (!check_text (notes, error))
    return FALSE;
  if (strcmp (ns->notes != NULL ? ns->notes : "", notes) == 0)
    return TRUE;

  /* Translators: an Undo menu item; %s is a namespace name */
  label = g_strdup_printf (_("Edit Notes of %s"), ns->name);
  /* typing is one step */
  before = _nfl_document_begin_edit (self, MERGE_NOTES, ns->name);
  g_free (ns->notes);
  ns->notes = g_strdup (notes);
  _nfl_document_commit_edit (self, before, label, MERGE_NOTES, ns->name);
  return TRUE;
}

gboolean
nfl_document_set_ip_forward (NflDocument  *self,
                             const char   *ns_name,
                             gboolean      enabled,
                             GError      **error)
{
  g_autofree char *label = NULL;
  NflScenario *before;
  NflNamespace *ns;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  enabled = !!enabled;
  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL)
    return FALSE;
  if (!!ns->ip_forward == enabled)
    return TRUE;

  if (enabled)
    /* Translators: an Undo menu item; %s is a namespace name */
    label = g_strdup_printf (_("Turn On Forwarding in %s"), ns->name);
  else
    /* Translators: an Undo menu item; %s is a namespace name */
    label = g_strdup_printf (_("Turn Off Forwarding in %s"), ns->name);
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  ns->ip_forward = enabled;
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* public API: links and interfaces                                        */
/* ---------------------------------------------------------------------- */

void
nfl_document_propose_link_names (NflDocument  *self,
                                 const char   *ns_a,
                                 const char   *ns_b,
                                 char        **name_a,
                                 char        **name_b)
{
  NflNamespace *a, *b;

  g_return_if_fail (NFL_IS_DOCUMENT (self));
  g_return_if_fail (ns_a != NULL);
  g_return_if_fail (ns_b != NULL);
  g_return_if_fail (name_a != NULL);
  g_return_if_fail (name_b != NULL);

  a = nfl_scenario_find_namespace (self->scenario, ns_a);
  b = nfl_scenario_find_namespace (self->scenario, ns_b);
  *name_a = *name_b = NULL;
  for (guint n = 1; *name_a == NULL; n++)
    {
      g_autofree char *first = link_name (n, ns_a);
      g_autofree char *second = link_name (n, ns_b);

      if (link_name_taken (a, first))
        continue;
      if (strcmp (ns_a, ns_b) == 0)
        {
          /* both ends in one namespace: the next free number for the
           * other end */
          for (guint m = n + 1; *name_b == NULL; m++)
            {
              g_autofree char *other = link_name (m, ns_b);
              if (!link_name_taken (b, other))
                *name_b = g_steal_pointer (&other);
            }
          *name_a = g_steal_pointer (&first);
        }
      else if (!link_name_taken (b, second))
        {
          *name_a = g_steal_pointer (&first);
          *name_b = g_steal_pointer (&second);
        }
    }
}

static gboolean
add_link (NflDocument  *self,
          const char   *ns_a,
          const char   *bridge_a,
          const char   *name_a,
          const char   *ns_b,
          const char   *name_b,
          GError      **error)
{
  NflScenario *before;
  NflNamespace *a, *b;
  NflInterface *end, *bridge = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_a != NULL && name_a != NULL, FALSE);
  g_return_val_if_fail (ns_b != NULL && name_b != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((a = _nfl_document_need_namespace (self->scenario, ns_a, error)) == NULL ||
      (b = _nfl_document_need_namespace (self->scenario, ns_b, error)) == NULL)
    return FALSE;
  if (bridge_a != NULL && ((bridge = need_interface (a, bridge_a, error)) == NULL || !need_bridge (bridge, error)))
    return FALSE;
  if (!check_name (name_a, FALSE, error) || !check_name (name_b, FALSE, error))
    return FALSE;
  if (nfl_namespace_find_interface (a, name_a) != NULL || nfl_namespace_find_interface (b, name_b) != NULL)
    {
      gboolean first = nfl_namespace_find_interface (a, name_a) != NULL;
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   _("%s already has an interface named “%s”."),
                   first ? a->name : b->name, first ? name_a : name_b);
      return FALSE;
    }
  if (a == b && strcmp (name_a, name_b) == 0)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   _("The two ends of a link in one namespace need different names."));
      return FALSE;
    }

  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  if (!nfl_scenario_add_veth_pair (self->scenario, name_a, a, name_b, b, error))
    {
      _nfl_document_polish_error (error);
      g_object_unref (before);
      return FALSE;
    }
  end = nfl_namespace_find_interface (a, name_a);
  end->up = TRUE;
  end->peer->up = TRUE;
  if (bridge != NULL)
    nfl_interface_set_master (end, nfl_namespace_find_interface (a, bridge_a), NULL);
  /* Translators: an Undo menu item */
  _nfl_document_commit_edit (self, before, _("Add Link"), MERGE_NONE, NULL);
  return TRUE;
}

gboolean
nfl_document_add_link (NflDocument  *self,
                       const char   *ns_a,
                       const char   *name_a,
                       const char   *ns_b,
                       const char   *name_b,
                       GError      **error)
{
  return add_link (self, ns_a, NULL, name_a, ns_b, name_b, error);
}

gboolean
nfl_document_add_bridge_link (NflDocument  *self,
                              const char   *ns_a,
                              const char   *bridge,
                              const char   *name_a,
                              const char   *ns_b,
                              const char   *name_b,
                              GError      **error)
{
  g_return_val_if_fail (bridge != NULL, FALSE);
  return add_link (self, ns_a, bridge, name_a, ns_b, name_b, error);
}

gboolean
nfl_document_add_bridge (NflDocument  *self,
                         const char   *ns_name,
                         double        x,
                         double        y,
                         char        **name,
                         GError      **error)
{
  NflScenario *before;
  NflNamespace *ns;
  NflInterface *bridge;
  g_autofree char *label = NULL;
  g_autofree char *chosen = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (isfinite (x) && isfinite (y), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL)
    return FALSE;
  /* br0, br1, …: the first free name, as people name them */
  for (guint n = 0; chosen == NULL; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("br%u", n);
      if (nfl_namespace_find_interface (ns, candidate) == NULL)
        chosen = g_steal_pointer (&candidate);
    }
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  ns = nfl_scenario_find_namespace (self->scenario, ns_name);
  bridge = nfl_scenario_add_bridge (self->scenario, chosen, ns, NULL);
  bridge->up = TRUE;
  bridge->x = x;
  bridge->y = y;
  /* Translators: an Undo menu item; %s is a bridge's name */
  label = g_strdup_printf (_("Add Bridge %s"), chosen);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  if (name != NULL)
    *name = g_steal_pointer (&chosen);
  return TRUE;
}

gboolean
nfl_document_import_machine (NflDocument  *self,
                             const char   *ns_name,
                             const char   *rules,
                             const char   *addresses,
                             const char   *routes,
                             GError      **error)
{
  NflScenario *before;
  NflNamespace *ns;
  NflRuleset *restored;
  GPtrArray *namespaces;
  guint first_new;
  g_autofree char *label = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL && rules != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  namespaces = nfl_scenario_get_namespaces (self->scenario);
  ns = nfl_scenario_find_namespace (self->scenario, ns_name);
  if (ns == NULL)
    {
      /* a new machine goes under what the canvas shows */
      double left = 80, bottom = -100;

      for (guint i = 0; i < namespaces->len; i++)
        {
          NflNamespace *other = g_ptr_array_index (namespaces, i);
          left = i == 0 ? other->x : MIN (left, other->x);
          bottom = MAX (bottom, other->y);
        }
      if ((ns = nfl_scenario_add_namespace (self->scenario, ns_name, &local)) == NULL)
        goto failed;
      ns->x = left;
      ns->y = bottom + 260;
    }
  first_new = namespaces->len;
  if ((restored = nfl_iptables_restore (ns->ruleset, rules, -1, &local)) == NULL)
    {
      g_prefix_error (&local, "iptables-save:");
      goto failed;
    }
  nfl_ruleset_free (ns->ruleset);
  ns->ruleset = restored;
  if (addresses != NULL && *addresses != '\0' &&
      !nfl_machine_add_interfaces (self->scenario, ns, addresses, routes, NULL, &local))
    {
      /* "route L:C: …" is a line of the routes */
      if (g_str_has_prefix (local->message, "route "))
        {
          g_autofree char *rest = g_strdup (local->message + strlen ("route "));
          g_free (local->message);
          local->message = g_strconcat ("ip route:", rest, NULL);
        }
      else
        g_prefix_error (&local, "ip -br addr:");
      goto failed;
    }
  /* the neighbours in a column right of the machine */
  for (guint i = first_new; i < namespaces->len; i++)
    {
      NflNamespace *neighbour = g_ptr_array_index (namespaces, i);
      neighbour->x = ns->x + 260;
      neighbour->y = ns->y + (i - first_new) * 180;
    }
  /* Translators: an Undo menu item; %s is a namespace's name */
  label = g_strdup_printf (_("Import the Machine %s"), ns_name);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;

failed:
  nfl_scenario_take_contents (self->scenario, before);
  g_object_unref (before);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
nfl_document_remove_bridge (NflDocument  *self,
                            const char   *ns_name,
                            const char   *bridge_name,
                            GError      **error)
{
  NflScenario *before;
  NflNamespace *ns;
  NflInterface *bridge;
  g_autofree char *label = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL && bridge_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL ||
      (bridge = need_interface (ns, bridge_name, error)) == NULL || !need_bridge (bridge, error))
    return FALSE;
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  ns = nfl_scenario_find_namespace (self->scenario, ns_name);
  /* the ports stay, released, as "ip link del" of a bridge leaves them */
  remove_interface (self->scenario, nfl_namespace_find_interface (ns, bridge_name));
  /* Translators: an Undo menu item; %s is a bridge's name */
  label = g_strdup_printf (_("Delete Bridge %s"), bridge_name);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;
}

gboolean
nfl_document_remove_link (NflDocument  *self,
                          const char   *ns_name,
                          const char   *iface_name,
                          GError      **error)
{
  NflScenario *before;
  NflNamespace *ns;
  NflInterface *iface, *peer;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (iface_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL ||
      (iface = need_interface (ns, iface_name, error)) == NULL)
    return FALSE;
  if (iface->peer == NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   _("%s of %s is not one end of a link."), iface->name, ns->name);
      return FALSE;
    }

  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  peer = iface->peer;
  iface->peer = NULL;
  peer->peer = NULL;
  remove_interface (self->scenario, peer);
  remove_interface (self->scenario, iface);
  /* Translators: an Undo menu item */
  _nfl_document_commit_edit (self, before, _("Remove Link"), MERGE_NONE, NULL);
  return TRUE;
}

gboolean
nfl_document_rename_interface (NflDocument  *self,
                               const char   *ns_name,
                               const char   *iface_name,
                               const char   *new_name,
                               GError      **error)
{
  g_autofree char *label = NULL;
  g_autofree char *old_name = NULL;
  NflScenario *before;
  NflNamespace *ns;
  NflInterface *iface;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (iface_name != NULL, FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL ||
      (iface = need_interface (ns, iface_name, error)) == NULL)
    return FALSE;
  if (strcmp (iface_name, new_name) == 0)
    return TRUE;
  if (iface->is_loopback)
    {
      g_set_error_literal (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                           _("The loopback interface keeps its name."));
      return FALSE;
    }
  if (!check_name (new_name, FALSE, error))
    return FALSE;
  if (nfl_namespace_find_interface (ns, new_name) != NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   _("%s already has an interface named “%s”."), ns->name, new_name);
      return FALSE;
    }

  /* Translators: an Undo menu item; %s is an interface name */
  label = g_strdup_printf (_("Rename %s"), iface->name);
  old_name = g_strdup (iface->name);
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  g_free (iface->name);
  iface->name = g_strdup (new_name);
  /* what names the interface: the routes through it and -i/-o */
  for (guint r = 0; r < ns->routes->len; r++)
    {
      NflRoute *route = g_ptr_array_index (ns->routes, r);
      if (route->dev != NULL && strcmp (route->dev, old_name) == 0)
        {
          g_free (route->dev);
          route->dev = g_strdup (new_name);
        }
    }
  rename_in_rules (ns, old_name, new_name);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;
}

gboolean
nfl_document_set_interface_up (NflDocument  *self,
                               const char   *ns_name,
                               const char   *iface_name,
                               gboolean      up,
                               GError      **error)
{
  g_autofree char *label = NULL;
  NflScenario *before;
  NflNamespace *ns;
  NflInterface *iface;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (iface_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  up = !!up;
  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL ||
      (iface = need_interface (ns, iface_name, error)) == NULL)
    return FALSE;
  if (!!iface->up == up)
    return TRUE;

  if (up)
    /* Translators: an Undo menu item; %s is an interface name */
    label = g_strdup_printf (_("Set %s Up"), iface->name);
  else
    /* Translators: an Undo menu item; %s is an interface name */
    label = g_strdup_printf (_("Set %s Down"), iface->name);
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  iface->up = up;
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;
}

/* What add_address and remove_address act on: the interface, the address
 * and its text; FALSE with @error set when any is missing or malformed. */
typedef struct {
  NflNamespace *ns;
  NflInterface *iface;
  guint32       addr;
  guint         prefix_len;
  guint         index;    /* of the address on the interface, when it has it */
  gboolean      present;
  char         *text;     /* "10.1.0.5/24" */
} AddressTarget;

static gboolean
find_address_target (NflDocument   *self,
                     const char    *ns_name,
                     const char    *iface_name,
                     const char    *cidr,
                     AddressTarget *target,
                     GError       **error)
{
  *target = (AddressTarget) { 0 };
  if ((target->ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL ||
      (target->iface = need_interface (target->ns, iface_name, error)) == NULL ||
      !parse_cidr (cidr, &target->addr, &target->prefix_len, error))
    return FALSE;
  target->text = nfl_ipv4_cidr_to_string (target->addr, target->prefix_len);
  target->present = find_address (target->iface, target->addr, target->prefix_len, &target->index);
  return TRUE;
}

gboolean
nfl_document_add_address (NflDocument  *self,
                          const char   *ns_name,
                          const char   *iface_name,
                          const char   *cidr,
                          GError      **error)
{
  g_autofree char *label = NULL;
  AddressTarget t;
  NflScenario *before;
  gboolean ok = FALSE;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (iface_name != NULL, FALSE);
  g_return_val_if_fail (cidr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_address_target (self, ns_name, iface_name, cidr, &t, error))
    goto out;
  if (t.present)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   _("%s already has the address %s."), t.iface->name, t.text);
      goto out;
    }

  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  if (!nfl_namespace_add_address (t.ns, t.iface, t.addr, t.prefix_len, error))
    {
      _nfl_document_polish_error (error);
      g_object_unref (before);
      goto out;
    }
  /* Translators: an Undo menu item; %s is an address such as 10.1.0.5/24 */
  label = g_strdup_printf (_("Add Address %s"), t.text);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  ok = TRUE;
out:
  g_free (t.text);
  return ok;
}

gboolean
nfl_document_remove_address (NflDocument  *self,
                             const char   *ns_name,
                             const char   *iface_name,
                             const char   *cidr,
                             GError      **error)
{
  g_autofree char *label = NULL;
  AddressTarget t;
  NflScenario *before;
  gboolean ok = FALSE;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (iface_name != NULL, FALSE);
  g_return_val_if_fail (cidr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_address_target (self, ns_name, iface_name, cidr, &t, error))
    goto out;
  if (!t.present)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   _("%s has no address %s."), t.iface->name, t.text);
      goto out;
    }

  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  g_array_remove_index (t.iface->addresses, t.index);
  /* Translators: an Undo menu item; %s is an address such as 10.1.0.5/24 */
  label = g_strdup_printf (_("Remove Address %s"), t.text);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  ok = TRUE;
out:
  g_free (t.text);
  return ok;
}

/* ---------------------------------------------------------------------- */
/* public API: routes, services, title                                     */
/* ---------------------------------------------------------------------- */

gboolean
nfl_document_add_route (NflDocument  *self,
                        const char   *ns_name,
                        const char   *spec,
                        GError      **error)
{
  g_autoptr(NflScenario) work = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *command = NULL;
  NflNamespace *ns;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL)
    return FALSE;
  if (strpbrk (spec, "\n\r") != NULL)
    {
      g_set_error_literal (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                           _("A route is written on one line."));
      return FALSE;
    }

  /* "ip route add" itself checks the route, as the kernel would */
  quoted = g_shell_quote (ns->name);
  command = g_strdup_printf ("ip netns exec %s ip route add %s", quoted, spec);
  work = nfl_scenario_copy (self->scenario);
  if (!nfl_commands_apply (work, command, NULL, NULL, NULL, error))
    {
      _nfl_document_polish_error (error);
      return FALSE;
    }
  /* Translators: an Undo menu item */
  _nfl_document_commit_work (self, g_steal_pointer (&work), _("Add Route"));
  return TRUE;
}

gboolean
nfl_document_remove_route (NflDocument  *self,
                           const char   *ns_name,
                           guint         index,
                           GError      **error)
{
  NflScenario *before;
  NflNamespace *ns;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL)
    return FALSE;
  if (index >= ns->routes->len)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   _("%s has no route number %u."), ns->name, index + 1);
      return FALSE;
    }

  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  g_ptr_array_remove_index (ns->routes, index);
  /* Translators: an Undo menu item */
  _nfl_document_commit_edit (self, before, _("Remove Route"), MERGE_NONE, NULL);
  return TRUE;
}

gboolean
nfl_document_add_service (NflDocument  *self,
                          const char   *ns_name,
                          const char   *spec,
                          GError      **error)
{
  g_autofree char *line = NULL;
  g_autofree char *prefix = NULL;
  GError *local = NULL;
  NflScenario *before;
  NflNamespace *ns;
  guint count;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL)
    return FALSE;

  /* the engine's own message would ask for a namespace too */
  {
    g_auto(GStrv) words = g_strsplit_set (spec, " \t", -1);
    guint n = 0;

    for (guint i = 0; words[i] != NULL; i++)
      if (*words[i] != '\0')
        n++;
    if (n < 2 || n > 3 || strpbrk (spec, "\n\r") != NULL)
      {
        g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                     _("A service is a protocol, a port and optionally an address, such as “tcp 80” or “udp 53 10.1.0.1”."));
        return FALSE;
      }
  }

  line = g_strdup_printf ("%s %s", ns->name, spec);
  count = ns->services->len;
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  /* all or nothing */
  if (!nfl_commands_add_listen (self->scenario, line, &local))
    {
      g_object_unref (before);
      /* "listen “NS SPEC”: …" names what the user did not type */
      prefix = g_strdup_printf ("listen “%s”: ", line);
      if (g_str_has_prefix (local->message, prefix))
        {
          char *rest = _nfl_document_make_sentence (local->message + strlen (prefix), TRUE);
          g_free (local->message);
          local->message = rest;
        }
      else
        _nfl_document_polish_error (&local);
      g_propagate_error (error, local);
      return FALSE;
    }
  if (ns->services->len == count)
    {
      g_object_unref (before);
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   _("%s already has the service “%s”."), ns->name, spec);
      return FALSE;
    }
  /* Translators: an Undo menu item */
  _nfl_document_commit_edit (self, before, _("Add Service"), MERGE_NONE, NULL);
  return TRUE;
}

gboolean
nfl_document_remove_service (NflDocument  *self,
                             const char   *ns_name,
                             guint         index,
                             GError      **error)
{
  NflScenario *before;
  NflNamespace *ns;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ns_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL)
    return FALSE;
  if (index >= ns->services->len)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   _("%s has no service number %u."), ns->name, index + 1);
      return FALSE;
    }

  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  g_array_remove_index (ns->services, index);
  /* Translators: an Undo menu item */
  _nfl_document_commit_edit (self, before, _("Remove Service"), MERGE_NONE, NULL);
  return TRUE;
}

/* The title or the description: typing is one step; the step comes
 * first, so that the property's notification finds the history complete. */
static gboolean
set_scenario_text (NflDocument  *self,
                   const char   *text,
                   const char *(*get) (NflScenario *scenario),
                   void        (*set) (NflScenario *scenario, const char *text),
                   MergeKind     merge,
                   const char   *label,
                   GError      **error)
{
  NflScenario *before;

  if (text == NULL)
    text = "";
  if (!check_text (text, error))
    return FALSE;
  if (strcmp (text, get (self->scenario) != NULL ? get (self->scenario) : "") == 0)
    return TRUE;

  before = _nfl_document_begin_edit (self, merge, "");
  record_edit (self, before, label, merge, "");
  set (self->scenario, text);
  nfl_scenario_changed (self->scenario);
  _nfl_document_finish_change (self);
  return TRUE;
}

gboolean
nfl_document_add_probe (NflDocument  *self,
                        const char   *probe,
                        GError      **error)
{
  g_autofree char *canonical = NULL;
  NflProbe parsed = { 0 };
  NflScenario *before;
  GPtrArray *probes;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (probe != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!nfl_probe_parse (probe, &parsed, error))
    return FALSE;
  canonical = nfl_probe_to_string (&parsed);
  if (_nfl_document_need_namespace (self->scenario, parsed.ns, error) == NULL)
    {
      nfl_probe_clear (&parsed);
      return FALSE;
    }
  nfl_probe_clear (&parsed);
  probes = nfl_scenario_get_probes (self->scenario);
  for (guint i = 0; i < probes->len; i++)
    if (g_str_equal (g_ptr_array_index (probes, i), canonical))
      {
        g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                     _("The scenario already has the probe “%s”."), canonical);
        return FALSE;
      }
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  nfl_scenario_add_probe (self->scenario, canonical, NULL);
  /* Translators: an Undo menu item */
  _nfl_document_commit_edit (self, before, _("Save Probe"), MERGE_NONE, NULL);
  return TRUE;
}

gboolean
nfl_document_set_title (NflDocument  *self,
                        const char   *title,
                        GError      **error)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_scenario_text (self, title, nfl_scenario_get_title, nfl_scenario_set_title, MERGE_TITLE,
                            /* Translators: an Undo menu item */
                            _("Change Title"), error);
}

gboolean
nfl_document_set_description (NflDocument  *self,
                              const char   *description,
                              GError      **error)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_scenario_text (self, description, nfl_scenario_get_description, nfl_scenario_set_description,
                            MERGE_DESCRIPTION,
                            /* Translators: an Undo menu item */
                            _("Edit Description"), error);
}

/* The commands of @text one after the other on @work, as a console runs
 * them; the last iptables command that changed something is remembered
 * for nfl_document_get_last_command_target (). */
static gboolean
run_commands_on (NflDocument   *self,
                 NflScenario   *work,
                 const char    *text,
                 const char    *default_namespace,
                 GString       *output,
                 NflSourcePos  *where,
                 gboolean      *changed,
                 GError       **error)
{
  g_autoptr(GPtrArray) commands = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return nfl_commands_apply (work, text, default_namespace, output, where, error);
  commands = nfl_commands_split_text (text);
  for (guint i = 0; i < commands->len; i++)
    {
      NflCommandReport report = { 0 };

      if (!nfl_commands_run_one (work, NULL, default_namespace, g_ptr_array_index (commands, i), output, &report,
                                 where, error))
        {
          nfl_command_report_clear (&report);
          return FALSE;
        }
      *changed |= report.changed;
      if (report.changed && report.iptables && report.namespace != NULL)
        {
          g_free (self->last_namespace);
          g_free (self->last_chain);
          self->last_namespace = g_steal_pointer (&report.namespace);
          self->last_table = report.table;
          self->last_chain = g_steal_pointer (&report.chain);
        }
      nfl_command_report_clear (&report);
    }
  return TRUE;
}

gboolean
nfl_document_get_last_command_target (NflDocument  *self,
                                      const char  **ns,
                                      NflTableId   *table,
                                      const char  **chain)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);

  *ns = self->last_namespace;
  *table = self->last_table;
  *chain = self->last_chain;
  return self->last_namespace != NULL;
}

gboolean
_nfl_document_apply_commands (NflDocument   *self,
                              const char    *text,
                              const char    *default_namespace,
                              GString       *output,
                              const char    *label,
                              NflSourcePos  *where,
                              GError       **error)
{
  g_autoptr(NflScenario) work = NULL;
  g_autoptr(GHashTable) old_names = NULL;
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(GBytes) new_bytes = NULL;
  GError *local = NULL;
  GPtrArray *namespaces;
  gboolean changed = FALSE;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  namespaces = nfl_scenario_get_namespaces (self->scenario);
  for (guint i = 0; i < namespaces->len; i++)
    g_hash_table_add (old_names, g_strdup (((NflNamespace *) g_ptr_array_index (namespaces, i))->name));

  work = nfl_scenario_copy (self->scenario);
  g_clear_pointer (&self->last_namespace, g_free);
  g_clear_pointer (&self->last_chain, g_free);
  if (!run_commands_on (self, work, text, default_namespace, output, where, &changed, &local))
    {
      guint line = 0, column = 0;
      g_autofree char *sentence = _nfl_document_make_sentence (local->message, TRUE);

      /* "LINE:COLUMN: message" as the user reads it */
      if (sscanf (local->message, "%u:%u:", &line, &column) == 2)
        {
          if (where != NULL)
            *where = (NflSourcePos) { line, column };
          g_set_error (error, local->domain, local->code,
                       /* Translators: an error in a command line; %u is the line number */
                       _("Line %u: %s"), line, sentence);
        }
      else
        g_set_error_literal (error, local->domain, local->code, sentence);
      g_error_free (local);
      return FALSE;
    }
  /* listings and comments change nothing: no step */
  if (!changed)
    return TRUE;
  drop_orphan_probes (work);
  place_new_namespaces (work, old_names);

  /* the result must be savable, like every state of a document */
  new_bytes = nfl_scenario_to_xml_bytes (work, &local);
  if (new_bytes == NULL)
    {
      g_autofree char *sentence = NULL;
      char *advice = strstr (local->message, "; rename it before saving");

      /* the user renames nothing: the commands are refused */
      if (advice != NULL)
        *advice = '\0';
      sentence = _nfl_document_make_sentence (local->message, FALSE);
      g_set_error (error, local->domain, local->code,
                   _("These commands make a scenario that cannot be saved: %s"), sentence);
      g_error_free (local);
      return FALSE;
    }
  /* comments and listings change nothing: no step */
  old_bytes = self->model_xml != NULL ? g_bytes_ref (self->model_xml)
                                      : nfl_scenario_to_xml_bytes (self->scenario, NULL);
  if (old_bytes != NULL && g_bytes_equal (old_bytes, new_bytes))
    {
      /* known now, for the next import */
      if (self->model_xml == NULL)
        self->model_xml = g_steal_pointer (&old_bytes);
      return TRUE;
    }

  /* Translators: an Undo menu item */
  _nfl_document_commit_work (self, g_steal_pointer (&work), label);
  last_step (self->undo)->xml = g_steal_pointer (&old_bytes);
  self->model_xml = g_steal_pointer (&new_bytes);
  return TRUE;
}

gboolean
nfl_document_apply_commands (NflDocument   *self,
                             const char    *text,
                             NflSourcePos  *where,
                             GError       **error)
{
  /* Translators: an Undo menu item */
  return _nfl_document_apply_commands (self, text, NULL, NULL, _("Import Commands"), where, error);
}

/* ---------------------------------------------------------------------- */
/* public API: history                                                     */
/* ---------------------------------------------------------------------- */

gboolean
nfl_document_can_undo (NflDocument *self)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  return self->undo->len > 0;
}

gboolean
nfl_document_can_redo (NflDocument *self)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  return self->redo->len > 0;
}

const char *
nfl_document_get_undo_label (NflDocument *self)
{
  Step *step;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), NULL);
  step = last_step (self->undo);
  return step != NULL ? step->label : NULL;
}

const char *
nfl_document_get_redo_label (NflDocument *self)
{
  Step *step;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), NULL);
  step = last_step (self->redo);
  return step != NULL ? step->label : NULL;
}

gboolean
nfl_document_undo (NflDocument *self)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;
  travel (self, self->undo, self->redo);
  return TRUE;
}

gboolean
nfl_document_redo (NflDocument *self)
{
  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);

  if (self->redo->len == 0)
    return FALSE;
  travel (self, self->redo, self->undo);
  return TRUE;
}
