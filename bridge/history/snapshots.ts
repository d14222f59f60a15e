// What of each domain counts as its state for history: the figures a person would call a change,
// without values that move every minute (alert ids, computation times).
import type { DomainName, TwinState } from '../contract/twin-state';

export function snapshotOf(state: TwinState, domain: DomainName): Record<string, unknown> | null {
  switch (domain) {
    case 'health': {
      const h = state.health;
      if (h.status !== 'ok') return null;
      return {
        bodyweight_kg: h.bodyweight_kg,
        bodyfat_pct: h.bodyfat_pct,
        weight_trend: h.weight_trend,
        last_workout_date: h.last_workout?.date ?? null,
        days_since_workout: h.days_since_workout,
        workouts_this_week: h.workouts_this_week,
        suggestion: h.training_suggestion?.code ?? null,
      };
    }
    case 'finance': {
      const f = state.finance;
      if (f.status !== 'ok') return null;
      return {
        month: f.month,
        currency: f.currency,
        mtd_net: f.mtd_net,
        mtd_income: f.mtd_income,
        mtd_expense: f.mtd_expense,
        active_budget_alerts: f.active_budget_alerts,
        alerts: f.alerts.map((a) => ({ budget_id: a.budget_id, category: a.category_path, severity: a.alert_severity })),
      };
    }
    case 'pantry': {
      const p = state.pantry;
      if (p.status !== 'ok') return null;
      return {
        low_stock_count: p.low_stock_count,
        low_stock_items: p.low_stock_items,
        expired_count: p.expired_count,
        expiring_count: p.expiring_count,
      };
    }
  }
}
