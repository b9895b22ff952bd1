/* nfl-document-private.h: what nfl-document*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nfl-document.h"

G_BEGIN_DECLS

/* The rules of one stretch of one chain on the other side of a step:
 * travelling takes the chain's @n_rules rules at @index out and puts
 * @rules there instead, then keeps what it took out, so that the step
 * can travel back.  Rule edits keep only what they change this way,
 * instead of a copy of the whole scenario: a chain may hold 10,000
 * rules. */
typedef struct {
  char       *ns;
  NflTableId  table;
  char       *chain;
  guint       index;       /* 0-based */
  guint       n_rules;
  GPtrArray  *rules;       /* NflRule* */
  gboolean    present;     /* the table's "present" on the other side */
  gboolean    has_policy;
  NflPolicy   policy;      /* the built-in chain's policy on the other side */
} NflRuleSplice;

typedef enum {
  MERGE_NONE,
  MERGE_NOTES,
  MERGE_MOVE,
  MERGE_TITLE,
  MERGE_DESCRIPTION,
} MergeKind;

typedef struct {
  char        *label;
  NflScenario *scenario;   /* the contents on the other side of the step, or NULL */
  GBytes      *xml;        /* the scenario file of those contents, when known */
  GPtrArray   *splices;    /* or the rules on the other side of it:
                            * NflRuleSplice*, in the order they apply */
  MergeKind    merge;
  char        *merge_key;
  gint64       time;       /* monotonic, of the last edit merged in */
} Step;

struct _NflDocument
{
  GObject      parent_instance;

  NflScenario *scenario;
  gulong       title_handler;
  gulong       scenario_changed_handler;
  /* The scenario file of the model as it is, or NULL when not known: an
   * import of commands compares its result with it.  Known after an
   * import and carried through its undo and redo; any change of the
   * model forgets it. */
  GBytes      *model_xml;
  GFile       *file;

  GPtrArray   *undo;       /* Step*, oldest first */
  GPtrArray   *redo;       /* Step*, the next redo last */
  Step        *open_step;  /* the step the next edit may merge into */
  int          saved_at;   /* undo->len of the saved state, -1 when none */

  /* what the properties said last, to notify real changes only */
  gboolean     was_modified;
  gboolean     could_undo;
  gboolean     could_redo;
  char        *undo_label;
  char        *redo_label;
  char        *title;
  /* what the last console command acted on */
  char        *last_namespace;
  NflTableId   last_table;
  char        *last_chain;
};

/* nfl-document.c */
char         *_nfl_document_make_sentence   (const char   *message,
                                             gboolean      capitalize);
void          _nfl_document_polish_error    (GError      **error);
NflNamespace *_nfl_document_need_namespace  (NflScenario  *scenario,
                                             const char   *name,
                                             GError      **error);
void          _nfl_document_finish_change   (NflDocument  *self);
void          _nfl_document_push_step       (NflDocument  *self,
                                             NflScenario  *before,
                                             const char   *label,
                                             MergeKind     merge,
                                             const char   *key);
NflScenario  *_nfl_document_begin_edit      (NflDocument  *self,
                                             MergeKind     merge,
                                             const char   *key);
void          _nfl_document_commit_edit     (NflDocument  *self,
                                             NflScenario  *before,
                                             const char   *label,
                                             MergeKind     merge,
                                             const char   *key);
void          _nfl_document_commit_work     (NflDocument  *self,
                                             NflScenario  *work,
                                             const char   *label);
/* Command lines, all or nothing, as one step named @label when they change
 * anything. */
gboolean      _nfl_document_apply_commands  (NflDocument  *self,
                                             const char   *text,
                                             const char   *default_namespace,
                                             GString      *output,
                                             const char   *label,
                                             NflSourcePos *where,
                                             GError      **error);
/* A step that holds @splices (NflRuleSplice*, transfer full), the edit
 * they record being made already. */
void          _nfl_document_push_splices    (NflDocument  *self,
                                             GPtrArray    *splices,
                                             const char   *label);

/* nfl-document-rules.c */
void          _nfl_rule_splice_free         (NflRuleSplice *splice);
/* Swaps @splice with what the scenario holds there; FALSE when the step
 * does not fit the chain (which a linear history rules out). */
gboolean      _nfl_rule_splice_travel       (NflRuleSplice *splice,
                                             NflScenario   *scenario);

G_END_DECLS
