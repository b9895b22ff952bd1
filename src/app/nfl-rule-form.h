/* nfl-rule-form.h: the dialog that adds or edits one iptables rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-engine.h"

G_BEGIN_DECLS

#define NFL_TYPE_RULE_FORM (nfl_rule_form_get_type ())
G_DECLARE_FINAL_TYPE (NflRuleForm, nfl_rule_form, NFL, RULE_FORM, AdwWindow)

/* A dialog, modal and transient for @parent, to add a rule to @chain of
 * @table of namespace @ns (@rule_number 0; the new rule goes to
 * @position, 1-based, 0 = append) or to edit rule @rule_number.  Add/Save
 * applies it with nfl_document_insert_rule () / nfl_document_replace_rule ()
 * and closes; when the document refuses, the dialog stays open and shows
 * why. */
GtkWidget  *nfl_rule_form_new              (GtkWindow   *parent,
                                            NflDocument *document,
                                            const char  *ns,
                                            NflTableId   table,
                                            const char  *chain,
                                            guint        rule_number,
                                            guint        position);
/* the live command */
const char *nfl_rule_form_get_command_text (NflRuleForm *self);
/* as if typed */
void        nfl_rule_form_set_command_text (NflRuleForm *self,
                                            const char  *text);

G_END_DECLS
