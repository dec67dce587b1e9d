/* lg-csv-mapping.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lg-csv-mapping.h"
#include "lg-csv-reader.h"
#include "lg-lead-form.h"
#include "lg-store-mappings.h"

struct _LgCsvMapping
{
  GObject     parent_instance;

  GPtrArray  *headers;
  GArray     *fields;        /* LgCsvField per column */
  GHashTable *stage_labels;  /* normalised label -> stage */
  GHashTable *qualification_labels;
  LgLeadForm  lead_form;
};

G_DEFINE_FINAL_TYPE (LgCsvMapping, lg_csv_mapping, G_TYPE_OBJECT)

typedef struct
{
  const char *id;
  const char *label;
} FieldInfo;

static const FieldInfo field_info[LG_CSV_N_FIELDS] = {
  [LG_CSV_FIELD_IGNORE] = { "ignore", N_("Ignore") },
  [LG_CSV_FIELD_ADD_TO_NOTES] = { "add-to-notes", N_("Add to Notes") },
  [LG_CSV_FIELD_ID] = { "id", N_("Leadgram ID") },
  [LG_CSV_FIELD_NAME] = { "name", N_("Name") },
  [LG_CSV_FIELD_FIRST_NAME] = { "first-name", N_("First Name") },
  [LG_CSV_FIELD_LAST_NAME] = { "last-name", N_("Last Name") },
  [LG_CSV_FIELD_EMAIL] = { "email", N_("Email") },
  [LG_CSV_FIELD_PHONE] = { "phone", N_("Phone") },
  [LG_CSV_FIELD_COMPANY] = { "company", N_("Company") },
  [LG_CSV_FIELD_TELEGRAM] = { "telegram", N_("Telegram") },
  [LG_CSV_FIELD_TELEGRAM_ID] = { "telegram-id", N_("Telegram ID") },
  [LG_CSV_FIELD_STAGE] = { "stage", N_("Stage") },
  [LG_CSV_FIELD_QUALIFICATION] = { "qualification", N_("Qualification") },
  [LG_CSV_FIELD_VALUE] = { "value", N_("Value") },
  [LG_CSV_FIELD_CURRENCY] = { "currency", N_("Currency") },
  [LG_CSV_FIELD_SOURCE] = { "source", N_("Source") },
  [LG_CSV_FIELD_CREATED] = { "created", N_("Created") },
  [LG_CSV_FIELD_CLOSED] = { "closed", N_("Closed") },
  [LG_CSV_FIELD_LOST_REASON] = { "lost-reason", N_("Lost Reason") },
  [LG_CSV_FIELD_NOTES] = { "notes", N_("Notes") },
  [LG_CSV_FIELD_FORM_LEAD_ID] = { "form-lead-id", N_("Lead Form ID") },
  [LG_CSV_FIELD_CAMPAIGN] = { "campaign", N_("Campaign") },
  [LG_CSV_FIELD_FORM] = { "form", N_("Lead Form") },
};

typedef struct
{
  LgCsvField  field;
  const char *names; /* '|'-separated, written as people see them */
} Synonyms;

/* Headers from real exports (see conformance/crm-headers) and their
 * translations. Prefixes like "Person - " and suffixes like " - Work" are
 * stripped before a second look, so they are not listed. */
static const Synonyms header_synonyms[] = {
  { LG_CSV_FIELD_ID, "Leadgram ID" },
  { LG_CSV_FIELD_NAME,
    "Name|Full Name|Contact Name|Contact|Contact Person|Lead Name|Person|Person Name|"
    "Display Name|Customer|Customer Name|Client|Client Name|"
    "Vollständiger Name|Kontakt|Kontaktname|Ansprechpartner|"
    "Nom complet|Nom du contact|Nombre completo|Contacto|Nombre del contacto|"
    "ФИО|Полное имя|Контакт|Контактное лицо|Клиент|Имя и фамилия|"
    "Nome completo|Contato|Nome do contato" },
  { LG_CSV_FIELD_FIRST_NAME,
    "First Name|FirstName|Given Name|First|Forename|Name / First Name|Vorname|Prénom|"
    "Nombre|Имя|Nome|Primeiro nome" },
  { LG_CSV_FIELD_LAST_NAME,
    "Last Name|LastName|Surname|Family Name|Last|Name / Last Name|Nachname|Familienname|"
    "Nom|Nom de famille|Apellido|Apellidos|Фамилия|Sobrenome|Apelido|Último nome" },
  { LG_CSV_FIELD_EMAIL,
    "Email|E-mail|Email Address|Mail|Work Email|Primary Email|Emails / Primary Email|"
    "Business Email|E-Mail-Adresse|E-Mail Adresse|Adresse e-mail|Adresse électronique|"
    "Courriel|Correo|Correo electrónico|Dirección de correo electrónico|Эл. почта|"
    "Электронная почта|Почта|Емейл|Endereço de e-mail|Correio eletrônico" },
  { LG_CSV_FIELD_PHONE,
    "Phone|Phone Number|Telephone|Tel|Mobile|Mobile Phone|Mobile Phone Number|MobilePhone|"
    "Cell|Cell Phone|Work Phone|Business Phone|Primary Phone|"
    "Phones / Primary Phone Number|Telefon|Telefonnummer|Mobiltelefon|Mobilnummer|Handy|"
    "Téléphone|Numéro de téléphone|Portable|Teléfono|Móvil|Celular|Número de teléfono|"
    "Телефон|Мобильный|Мобильный телефон|Номер телефона|Telefone|Telemóvel|"
    "Número de telefone" },
  { LG_CSV_FIELD_COMPANY,
    "Company|Company Name|Organization|Organisation|Organization Name|Account|"
    "Account Name|Associated Company|Business|Employer|Company / Name|Firma|Unternehmen|"
    "Firmenname|Entreprise|Société|Nom de l'entreprise|Empresa|Compañía|Organización|"
    "Компания|Организация|Название компании|Organização|Nome da empresa" },
  { LG_CSV_FIELD_TELEGRAM,
    "Telegram|Telegram Username|Telegram Handle|Telegram Name|TG|Телеграм|Телеграмм|"
    "Ник в Telegram" },
  { LG_CSV_FIELD_TELEGRAM_ID, "Telegram ID|Telegram User ID" },
  { LG_CSV_FIELD_STAGE,
    "Stage|Lead Status|Status|Deal Stage|Pipeline Stage|Lead Stage|Phase|Etappe|Étape|"
    "Statut|Etapa|Estado|Этап|Стадия|Статус|Fase|Estágio" },
  { LG_CSV_FIELD_QUALIFICATION,
    "Qualification|Lead Qualification|Qualifizierung|Calificación|Квалификация|"
    "Qualificação" },
  { LG_CSV_FIELD_VALUE,
    "Value|Deal Value|Amount|Deal Amount|Expected Revenue|Opportunity Amount|Budget|Wert|"
    "Betrag|Auftragswert|Valeur|Montant|Valor|Importe|Monto|Сумма|Бюджет|Стоимость|"
    "Сумма сделки|Valor do negócio" },
  { LG_CSV_FIELD_CURRENCY,
    "Currency|Currency Code|Deal Currency|Currency of Value|Währung|Devise|Monnaie|Moneda|"
    "Валюта|Moeda" },
  { LG_CSV_FIELD_SOURCE,
    "Source|Lead Source|LeadSource|Original Source|Channel|Quelle|Lead-Quelle|Herkunft|"
    "Origine|Fuente|Origen|Источник|Канал|Origem|Fonte" },
  { LG_CSV_FIELD_CREATED,
    "Created|Created At|Created Date|CreatedDate|Create Date|Created Time|Date Created|"
    "Creation Date|Added|Deal created|Erstellt|Erstellt am|Erstellungsdatum|Erstelldatum|"
    "Date de création|Créé le|Fecha de creación|Creado|Дата создания|Создан|Создано|"
    "Data de criação|Criado em" },
  { LG_CSV_FIELD_CLOSED,
    "Closed|Close Date|Closing Date|Closed At|Won Time|Date Closed|Abschlussdatum|"
    "Date de clôture|Fecha de cierre|Дата закрытия|Data de fechamento" },
  { LG_CSV_FIELD_LOST_REASON,
    "Lost Reason|Reason Lost|Closed Lost Reason|Verlustgrund|Raison de la perte|"
    "Motivo de pérdida|Причина отказа|Motivo da perda" },
  { LG_CSV_FIELD_NOTES,
    "Notes|Note|Description|Comments|Comment|Remarks|Note Content|Notizen|Notiz|"
    "Anmerkungen|Beschreibung|Kommentar|Remarques|Commentaire|Commentaires|Notas|Nota|"
    "Comentarios|Descripción|Примечание|Примечания|Заметки|Комментарий|Описание|"
    "Observações|Descrição|Comentários" },
  /* Our own export's: the lead's ad-platform id, "Meta:l:1029…". */
  { LG_CSV_FIELD_FORM_LEAD_ID, "Lead Form ID" },
};

/* Words exports put around the field's name: "Person - Email - Work". */
static const char *header_prefixes[] = {
  "person", "contact", "lead", "deal", "organization", "organisation", "org", "account",
  "customer", "primary",
};
static const char *header_suffixes[] = {
  "work", "home", "other", "main", "primary", "mobile", "personal", "business",
  "1", "2", "3",
};

typedef struct
{
  const char *value;
  const char *labels;
} Labels;

/* Lead statuses and deal stages of other CRMs, in the languages above. */
static const Labels stage_labels[] = {
  { "cold",
    "Cold|New|Open|Lead|Lead In|Not Contacted|Open - Not Contacted|Attempted to Contact|"
    "Subscriber|Unworked|Kalt|Neu|Froid|Nouveau|Frío|Nuevo|Frio|Novo|Холодный|Новый|"
    "Новая" },
  { "warm",
    "Warm|Contacted|Contact Made|Working - Contacted|In Progress|Connected|Qualified|"
    "Pre-Qualified|Contact in Future|Tiède|Tibio|Morno|Тёплый|Теплый|В работе" },
  { "hot",
    "Hot|Demo Scheduled|Proposal Made|Negotiations Started|Negotiation|Open Deal|"
    "Opportunity|Heiß|Heiss|Chaud|Caliente|Quente|Горячий|Переговоры" },
  { "won",
    "Won|Closed Won|Closed - Converted|Converted|Customer|Gewonnen|Gagné|Ganado|Ganho|"
    "Выиграна|Выигран|Успешно реализовано" },
  { "lost",
    "Lost|Closed Lost|Closed - Not Converted|Junk Lead|Lost Lead|Not Qualified|"
    "Unqualified|Bad Timing|Verloren|Perdu|Perdido|Проиграна|Проигран|"
    "Закрыто и не реализовано" },
};

static const Labels qualification_labels[] = {
  { "unqualified", "Unqualified|None|Lead|Subscriber|Other|Not Qualified|Nicht qualifiziert|"
                   "Non qualifié|No calificado|Не квалифицирован|Não qualificado" },
  { "mql", "MQL|Marketing Qualified Lead|Marketing Qualified" },
  { "sql", "SQL|Sales Qualified Lead|Sales Qualified" },
  { "pql", "PQL|Product Qualified Lead|Product Qualified" },
};

static GHashTable *known_headers; /* normalised header -> field */
static GHashTable *known_stages;  /* normalised label -> value */
static GHashTable *known_qualifications;

static void
lg_csv_mapping_finalize (GObject *object)
{
  LgCsvMapping *self = LG_CSV_MAPPING (object);

  g_ptr_array_unref (self->headers);
  g_array_unref (self->fields);
  g_hash_table_unref (self->stage_labels);
  g_hash_table_unref (self->qualification_labels);

  G_OBJECT_CLASS (lg_csv_mapping_parent_class)->finalize (object);
}

static void
lg_csv_mapping_class_init (LgCsvMappingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lg_csv_mapping_finalize;
}

static void
lg_csv_mapping_init (LgCsvMapping *self)
{
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->fields = g_array_new (FALSE, TRUE, sizeof (LgCsvField));
  self->stage_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->qualification_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

const char *
lg_csv_field_get_id (LgCsvField field)
{
  g_return_val_if_fail (field < LG_CSV_N_FIELDS, NULL);

  return field_info[field].id;
}

const char *
lg_csv_field_get_label (LgCsvField field)
{
  g_return_val_if_fail (field < LG_CSV_N_FIELDS, NULL);

  return _(field_info[field].label);
}

gboolean
lg_csv_field_from_id (const char *id,
                      LgCsvField *field)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < LG_CSV_N_FIELDS; i++)
    if (g_ascii_strcasecmp (id, field_info[i].id) == 0)
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

char *
lg_csv_normalize_label (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Accents go ("Téléphone" is "telephone"); so do spaces and punctuation. */
      if (!g_unichar_isalnum (c))
        continue;
      /* Cyrillic ё is е with a mark: dropping the mark folds them, as people do. */
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

static void
add_names (GHashTable *table,
           const char *names,
           gpointer    value)
{
  g_auto(GStrv) list = g_strsplit (names, "|", -1);

  for (guint i = 0; list[i] != NULL; i++)
    g_hash_table_insert (table, lg_csv_normalize_label (list[i]), value);
}

static void
ensure_tables (void)
{
  static gsize initialised = 0;

  if (!g_once_init_enter (&initialised))
    return;

  known_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (header_synonyms); i++)
    add_names (known_headers, header_synonyms[i].names,
               GUINT_TO_POINTER (header_synonyms[i].field));

  known_stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (stage_labels); i++)
    add_names (known_stages, stage_labels[i].labels, (gpointer) stage_labels[i].value);

  known_qualifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (qualification_labels); i++)
    add_names (known_qualifications, qualification_labels[i].labels,
               (gpointer) qualification_labels[i].value);

  g_once_init_leave (&initialised, 1);
}

static gboolean
lookup_header (const char *key,
               LgCsvField *field)
{
  gpointer value;

  if (*key == '\0' || !g_hash_table_lookup_extended (known_headers, key, NULL, &value))
    return FALSE;
  *field = GPOINTER_TO_UINT (value);
  return TRUE;
}

/* Tries key, then key without one of the known suffixes. */
static gboolean
lookup_with_suffixes (const char *key,
                      LgCsvField *field)
{
  if (lookup_header (key, field))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (header_suffixes); i++)
    if (g_str_has_suffix (key, header_suffixes[i]))
      {
        g_autofree char *shorter = g_strndup (key, strlen (key) - strlen (header_suffixes[i]));

        if (lookup_header (shorter, field))
          return TRUE;
      }
  return FALSE;
}

LgCsvField
lg_csv_field_guess (const char *header)
{
  g_autofree char *key = NULL;
  LgCsvField field = LG_CSV_FIELD_IGNORE;

  g_return_val_if_fail (header != NULL, LG_CSV_FIELD_IGNORE);

  ensure_tables ();
  key = lg_csv_normalize_label (header);
  if (lookup_with_suffixes (key, &field))
    return field;

  /* "Person - Email - Work", "Deal - Deal created": up to two prefixes. */
  for (guint i = 0; i < G_N_ELEMENTS (header_prefixes); i++)
    {
      const char *rest;

      if (!g_str_has_prefix (key, header_prefixes[i]))
        continue;
      rest = key + strlen (header_prefixes[i]);
      if (lookup_with_suffixes (rest, &field))
        return field;
      for (guint j = 0; j < G_N_ELEMENTS (header_prefixes); j++)
        if (g_str_has_prefix (rest, header_prefixes[j]) &&
            lookup_with_suffixes (rest + strlen (header_prefixes[j]), &field))
          return field;
    }

  return LG_CSV_FIELD_IGNORE;
}

static const char *
guess_label (GHashTable *table,
             const char *label)
{
  g_autofree char *key = NULL;

  ensure_tables ();
  key = lg_csv_normalize_label (label);
  return g_hash_table_lookup (table, key);
}

const char *
lg_csv_stage_guess (const char *label)
{
  g_return_val_if_fail (label != NULL, NULL);

  return guess_label (known_stages, label);
}

const char *
lg_csv_qualification_guess (const char *label)
{
  g_return_val_if_fail (label != NULL, NULL);

  return guess_label (known_qualifications, label);
}

LgCsvMapping *
lg_csv_mapping_new (const char * const *header,
                    guint               n_columns)
{
  LgCsvMapping *self = g_object_new (LG_TYPE_CSV_MAPPING, NULL);

  self->lead_form = lg_lead_form_detect (header, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      LgCsvField field = lg_lead_form_guess_field (self->lead_form, header[i]);

      g_ptr_array_add (self->headers, g_strdup (header[i]));
      g_array_append_val (self->fields, field);
    }
  return self;
}

static void
copy_labels (GHashTable *from,
             GHashTable *to)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to, g_strdup (key), g_strdup (value));
}

LgCsvMapping *
lg_csv_mapping_copy (LgCsvMapping *self)
{
  LgCsvMapping *copy;

  g_return_val_if_fail (LG_IS_CSV_MAPPING (self), NULL);

  copy = lg_csv_mapping_new ((const char * const *) self->headers->pdata, self->headers->len);
  for (guint i = 0; i < self->fields->len; i++)
    lg_csv_mapping_set_field (copy, i, lg_csv_mapping_get_field (self, i));
  copy_labels (self->stage_labels, copy->stage_labels);
  copy_labels (self->qualification_labels, copy->qualification_labels);
  return copy;
}

LgLeadForm
lg_csv_mapping_get_lead_form (LgCsvMapping *self)
{
  g_return_val_if_fail (LG_IS_CSV_MAPPING (self), LG_LEAD_FORM_NONE);

  return self->lead_form;
}

guint
lg_csv_mapping_get_n_columns (LgCsvMapping *self)
{
  g_return_val_if_fail (LG_IS_CSV_MAPPING (self), 0);

  return self->headers->len;
}

const char *
lg_csv_mapping_get_header (LgCsvMapping *self,
                           guint         column)
{
  g_return_val_if_fail (LG_IS_CSV_MAPPING (self), NULL);
  g_return_val_if_fail (column < self->headers->len, NULL);

  return g_ptr_array_index (self->headers, column);
}

LgCsvField
lg_csv_mapping_get_field (LgCsvMapping *self,
                          guint         column)
{
  g_return_val_if_fail (LG_IS_CSV_MAPPING (self), LG_CSV_FIELD_IGNORE);
  g_return_val_if_fail (column < self->fields->len, LG_CSV_FIELD_IGNORE);

  return g_array_index (self->fields, LgCsvField, column);
}

void
lg_csv_mapping_set_field (LgCsvMapping *self,
                          guint         column,
                          LgCsvField    field)
{
  g_return_if_fail (LG_IS_CSV_MAPPING (self));
  g_return_if_fail (column < self->fields->len);
  g_return_if_fail (field < LG_CSV_N_FIELDS);

  g_array_index (self->fields, LgCsvField, column) = field;
}

int
lg_csv_mapping_find_field (LgCsvMapping *self,
                           LgCsvField    field)
{
  g_return_val_if_fail (LG_IS_CSV_MAPPING (self), -1);

  for (guint i = 0; i < self->fields->len; i++)
    if (g_array_index (self->fields, LgCsvField, i) == field)
      return i;
  return -1;
}

gboolean
lg_csv_mapping_apply_rule (LgCsvMapping  *self,
                           const char    *rule,
                           GError       **error)
{
  g_autofree char *column_name = NULL;
  const char *equals;
  LgCsvField field;
  guint64 number = 0;

  g_return_val_if_fail (LG_IS_CSV_MAPPING (self), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  equals = strrchr (rule, '=');
  if (equals == NULL || equals == rule)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a mapping: write COLUMN=FIELD, e.g. “E-mail=email”."), rule);
      return FALSE;
    }
  if (!lg_csv_field_from_id (equals + 1, &field))
    {
      GString *ids = g_string_new (NULL);

      for (guint i = 0; i < LG_CSV_N_FIELDS; i++)
        g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", field_info[i].id);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a lead field. Fields: %s."), equals + 1, ids->str);
      g_string_free (ids, TRUE);
      return FALSE;
    }

  column_name = g_strndup (rule, equals - rule);
  for (guint i = 0; i < self->headers->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->headers, i), column_name) == 0)
      {
        lg_csv_mapping_set_field (self, i, field);
        return TRUE;
      }
  if (g_ascii_string_to_unsigned (column_name, 10, 1, self->headers->len, &number, NULL))
    {
      lg_csv_mapping_set_field (self, number - 1, field);
      return TRUE;
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("The file has no column “%s”. Use the header as written, or the "
                 "column’s number from 1."), column_name);
  return FALSE;
}

void
lg_csv_mapping_set_unmapped_to_notes (LgCsvMapping *self,
                                      gboolean      to_notes)
{
  g_return_if_fail (LG_IS_CSV_MAPPING (self));

  for (guint i = 0; i < self->fields->len; i++)
    {
      LgCsvField *field = &g_array_index (self->fields, LgCsvField, i);

      if (*field == LG_CSV_FIELD_IGNORE || *field == LG_CSV_FIELD_ADD_TO_NOTES)
        *field = to_notes ? LG_CSV_FIELD_ADD_TO_NOTES : LG_CSV_FIELD_IGNORE;
    }
}

static GHashTable *
user_labels (LgCsvMapping *self,
             LgCsvField    field)
{
  if (field == LG_CSV_FIELD_STAGE)
    return self->stage_labels;
  g_return_val_if_fail (field == LG_CSV_FIELD_QUALIFICATION, NULL);
  return self->qualification_labels;
}

const char *
lg_csv_mapping_map_label (LgCsvMapping *self,
                          LgCsvField    field,
                          const char   *label)
{
  g_autofree char *key = NULL;
  GHashTable *table;
  const char *value;

  g_return_val_if_fail (LG_IS_CSV_MAPPING (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  table = user_labels (self, field);
  if (table == NULL)
    return NULL;

  key = lg_csv_normalize_label (label);
  value = g_hash_table_lookup (table, key);
  if (value != NULL)
    return value;

  ensure_tables ();
  return g_hash_table_lookup (field == LG_CSV_FIELD_STAGE ? known_stages : known_qualifications,
                              key);
}

void
lg_csv_mapping_set_label (LgCsvMapping *self,
                          LgCsvField    field,
                          const char   *label,
                          const char   *value)
{
  GHashTable *table;

  g_return_if_fail (LG_IS_CSV_MAPPING (self));
  g_return_if_fail (label != NULL && value != NULL);

  table = user_labels (self, field);
  if (table != NULL)
    g_hash_table_insert (table, lg_csv_normalize_label (label), g_strdup (value));
}

/* The same header, whatever its case or spacing, is the same shape. */
static char *
header_key (LgCsvMapping *self)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < self->headers->len; i++)
    {
      g_autofree char *column = lg_csv_normalize_label (g_ptr_array_index (self->headers, i));

      g_string_append_printf (key, "%s%s", i > 0 ? "|" : "", column);
    }
  return g_string_free (key, FALSE);
}

static void
add_labels_member (JsonBuilder *builder,
                   const char  *name,
                   GHashTable  *labels)
{
  GHashTableIter iter;
  gpointer key, value;

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
}

gboolean
lg_csv_mapping_save (LgCsvMapping  *self,
                     LgStore       *store,
                     GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (LG_IS_CSV_MAPPING (self), FALSE);
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->fields->len; i++)
    json_builder_add_string_value (builder, field_info[lg_csv_mapping_get_field (self, i)].id);
  json_builder_end_array (builder);
  add_labels_member (builder, "stages", self->stage_labels);
  add_labels_member (builder, "qualifications", self->qualification_labels);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  key = header_key (self);

  return lg_store_save_import_mapping (store, key, json, g_get_real_time () / G_USEC_PER_SEC,
                                       error);
}

static void
read_labels (JsonObject *object,
             const char *name,
             GHashTable *labels)
{
  JsonObject *member;
  g_autoptr(GList) keys = NULL;

  if (!json_object_has_member (object, name) ||
      (member = json_object_get_object_member (object, name)) == NULL)
    return;

  keys = json_object_get_members (member);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *value = json_object_get_string_member_with_default (member, l->data, NULL);

      if (value != NULL)
        g_hash_table_insert (labels, g_strdup (l->data), g_strdup (value));
    }
}

gboolean
lg_csv_mapping_load (LgCsvMapping  *self,
                     LgStore       *store,
                     gboolean      *found,
                     GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = NULL;
  g_autofree char *json = NULL;
  JsonObject *object;
  JsonArray *columns;

  g_return_val_if_fail (LG_IS_CSV_MAPPING (self), FALSE);
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);

  *found = FALSE;
  key = header_key (self);
  if (!lg_store_get_import_mapping (store, key, &json, error))
    return FALSE;
  if (json == NULL)
    return TRUE;

  /* A saved mapping that does not parse is as good as none. */
  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return TRUE;
  object = json_node_get_object (json_parser_get_root (parser));
  columns = json_object_get_array_member (object, "columns");
  if (columns == NULL || json_array_get_length (columns) != self->fields->len)
    return TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      LgCsvField field;

      if (lg_csv_field_from_id (json_array_get_string_element (columns, i), &field))
        lg_csv_mapping_set_field (self, i, field);
    }
  read_labels (object, "stages", self->stage_labels);
  read_labels (object, "qualifications", self->qualification_labels);
  *found = TRUE;
  return TRUE;
}
