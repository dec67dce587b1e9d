/* lg-followup-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-followup-scheduler"

#include "config.h"

#include "lg-followup-scheduler.h"

/* A wake-up whose wall-clock and monotonic elapsed times differ by more than
 * this saw the clock set or the machine suspended. */
#define CLOCK_JUMP_TOLERANCE 30

struct _LgFollowupScheduler
{
  GObject              parent_instance;

  LgStore             *store;
  gulong               changed_id;

  LgFollowupClockFunc  clock;
  gpointer             clock_data;
  GDestroyNotify       clock_destroy;

  gboolean             started;
  guint                timeout_id;
  guint                sleep;
  gint64               next_due;
  gint64               last_real;      /* seconds, from the clock */
  gint64               last_monotonic; /* microseconds */

  GCancellable        *cancellable;
  GDBusConnection     *system_bus;
  guint                sleep_signal_id;
};

G_DEFINE_FINAL_TYPE (LgFollowupScheduler, lg_followup_scheduler, G_TYPE_OBJECT)

enum {
  DUE,
  MISSED,
  TIME_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gint64
lg_followup_scheduler_get_now (LgFollowupScheduler *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP_SCHEDULER (self), 0);

  return self->clock (self->clock_data);
}

static void
disarm (LgFollowupScheduler *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->sleep = 0;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  LgFollowupScheduler *self = user_data;

  self->timeout_id = 0;
  self->sleep = 0;
  lg_followup_scheduler_check (self);
  return G_SOURCE_REMOVE;
}

/* Compares the wall clock with the monotonic one since the last look: a
 * difference means a suspend (the monotonic clock stops) or a clock change. */
static void
detect_clock_jump (LgFollowupScheduler *self,
                   gint64               now)
{
  gint64 monotonic = g_get_monotonic_time ();

  if (self->last_monotonic > 0)
    {
      gint64 real_elapsed = now - self->last_real;
      gint64 monotonic_elapsed = (monotonic - self->last_monotonic) / G_USEC_PER_SEC;
      gint64 jump = real_elapsed - monotonic_elapsed;

      if (ABS (jump) > CLOCK_JUMP_TOLERANCE)
        {
          g_debug ("The clock moved by %" G_GINT64_FORMAT " s more than time passed", jump);
          g_signal_emit (self, signals[TIME_CHANGED], 0, jump);
        }
    }

  self->last_real = now;
  self->last_monotonic = monotonic;
}

static void
emit_due (LgFollowupScheduler *self,
          gint64               now,
          gboolean             at_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) due = lg_store_list_due_followups (self->store, now, &error);
  guint n;

  if (due == NULL)
    {
      g_warning ("Could not read the due follow-ups: %s", error->message);
      return;
    }

  n = g_list_model_get_n_items (due);
  /* Marked first: a handler that re-enters (or a crash) never repeats one. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LgFollowup) followup = g_list_model_get_item (due, i);

      if (!lg_store_mark_followup_notified (self->store, lg_followup_get_id (followup), &error))
        {
          g_warning ("%s", error->message);
          g_clear_error (&error);
        }
    }

  if (at_start && n > 0)
    {
      g_signal_emit (self, signals[MISSED], 0, due);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LgFollowup) followup = g_list_model_get_item (due, i);

      g_signal_emit (self, signals[DUE], 0, followup);
    }
}

static void
arm (LgFollowupScheduler *self,
     gint64               now)
{
  g_autoptr(GError) error = NULL;
  gint64 wait;

  disarm (self);

  if (!lg_store_next_followup_due (self->store, &self->next_due, &error))
    {
      g_warning ("Could not read the next follow-up: %s", error->message);
      self->next_due = 0;
    }

  wait = self->next_due > 0 ? self->next_due - now : LG_FOLLOWUP_SCHEDULER_MAX_SLEEP;
  self->sleep = (guint) CLAMP (wait, 1, LG_FOLLOWUP_SCHEDULER_MAX_SLEEP);
  self->timeout_id = g_timeout_add_seconds (self->sleep, on_timeout_cb, self);
}

static void
check (LgFollowupScheduler *self,
       gboolean             at_start)
{
  gint64 now;

  if (!self->started)
    return;

  now = lg_followup_scheduler_get_now (self);
  detect_clock_jump (self, now);
  emit_due (self, now, at_start);
  arm (self, now);
}

void
lg_followup_scheduler_check (LgFollowupScheduler *self)
{
  g_return_if_fail (LG_IS_FOLLOWUP_SCHEDULER (self));

  check (self, FALSE);
}

static void
on_store_changed_cb (LgStore             *store,
                     const char          *table,
                     LgFollowupScheduler *self)
{
  lg_followup_scheduler_check (self);
}

static void
on_prepare_for_sleep_cb (GDBusConnection *connection,
                         const char      *sender,
                         const char      *object_path,
                         const char      *interface,
                         const char      *signal,
                         GVariant        *parameters,
                         gpointer         user_data)
{
  LgFollowupScheduler *self = user_data;
  gboolean going_to_sleep = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (!going_to_sleep)
    {
      g_debug ("Resumed from suspend");
      lg_followup_scheduler_check (self);
    }
}

static void
on_system_bus_ready_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  LgFollowupScheduler *self;

  /* No system bus (a container, a test): the clock checks still catch resumes. */
  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, not watching for resume: %s", error->message);
      return;
    }

  self = user_data;
  self->system_bus = bus;
  self->sleep_signal_id =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_prepare_for_sleep_cb, self, NULL);
}

void
lg_followup_scheduler_start (LgFollowupScheduler *self)
{
  g_return_if_fail (LG_IS_FOLLOWUP_SCHEDULER (self));

  if (self->started)
    return;

  self->started = TRUE;
  self->changed_id = g_signal_connect (self->store, "changed::followups",
                                       G_CALLBACK (on_store_changed_cb), self);
  if (self->cancellable == NULL)
    {
      self->cancellable = g_cancellable_new ();
      g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus_ready_cb, self);
    }
  check (self, TRUE);
}

void
lg_followup_scheduler_stop (LgFollowupScheduler *self)
{
  g_return_if_fail (LG_IS_FOLLOWUP_SCHEDULER (self));

  self->started = FALSE;
  disarm (self);
  self->next_due = 0;
  g_clear_signal_handler (&self->changed_id, self->store);
}

gint64
lg_followup_scheduler_get_next_due (LgFollowupScheduler *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP_SCHEDULER (self), 0);

  return self->next_due;
}

guint
lg_followup_scheduler_get_sleep (LgFollowupScheduler *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP_SCHEDULER (self), 0);

  return self->sleep;
}

void
lg_followup_scheduler_set_clock (LgFollowupScheduler *self,
                                 LgFollowupClockFunc  clock,
                                 gpointer             user_data,
                                 GDestroyNotify       destroy)
{
  g_return_if_fail (LG_IS_FOLLOWUP_SCHEDULER (self));

  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);

  self->clock = clock != NULL ? clock : real_clock;
  self->clock_data = clock != NULL ? user_data : NULL;
  self->clock_destroy = clock != NULL ? destroy : NULL;
  self->last_monotonic = 0;
}

static void
lg_followup_scheduler_dispose (GObject *object)
{
  LgFollowupScheduler *self = LG_FOLLOWUP_SCHEDULER (object);

  if (self->store != NULL)
    lg_followup_scheduler_stop (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->system_bus != NULL)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_signal_id);
  g_clear_object (&self->system_bus);
  g_clear_object (&self->store);
  lg_followup_scheduler_set_clock (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (lg_followup_scheduler_parent_class)->dispose (object);
}

static void
lg_followup_scheduler_class_init (LgFollowupSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lg_followup_scheduler_dispose;

  /**
   * LgFollowupScheduler::due:
   * @followup: the LgFollowup that fell due
   *
   * Emitted once per due time of a follow-up (a snooze makes a new one).
   */
  signals[DUE] =
    g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LG_TYPE_FOLLOWUP);

  /**
   * LgFollowupScheduler::missed:
   * @followups: a GListModel of the LgFollowups that fell due while the
   *   application was not running
   *
   * Emitted at start, instead of one "due" each, when there are any.
   */
  signals[MISSED] =
    g_signal_new ("missed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_LIST_MODEL);

  /**
   * LgFollowupScheduler::time-changed:
   * @jump: seconds the wall clock moved beyond the time that passed
   *
   * The clock was set or the machine slept: what is "today" may have changed.
   */
  signals[TIME_CHANGED] =
    g_signal_new ("time-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
lg_followup_scheduler_init (LgFollowupScheduler *self)
{
  self->clock = real_clock;
}

LgFollowupScheduler *
lg_followup_scheduler_new (LgStore *store)
{
  LgFollowupScheduler *self;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  self = g_object_new (LG_TYPE_FOLLOWUP_SCHEDULER, NULL);
  self->store = g_object_ref (store);
  return self;
}
