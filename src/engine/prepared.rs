//! A [`Dataset`] after the expensive pass, done once ([`Preparing`]): per-customer purchase
//! occasions sorted by day, and surveys grouped per customer. Every analysis then works on
//! these arrays with binary searches, whatever the parameters, and the stages of the last
//! analyses are cached here.

use crate::engine::analysis::resolve_as_of;
use crate::engine::analysis::{Analysis, GrowthStage, growth_stage};
use crate::engine::answers::{AnswerKey, AnswerStage, answer_stage};
use crate::engine::calendar::month_index;
use crate::engine::clv::{FitStage, ModelKey, ModelStage, Models, fit_stage, model_stage};
use crate::engine::fit_record::{DataKey, FIT_VERSION, FitInputs, FitKey, FitRecord};
use crate::engine::params::Params;
use crate::engine::preparing::{Parts, Preparing};
use crate::engine::satisfaction::ServqualAnswers;
use crate::engine::window::{
    CalendarKey, CalendarStage, HistoryStage, OverdueKey, WindowKey, WindowStage, calendar_stage,
    history_stage, overdue_order, window_stage,
};
use crate::model::{Dataset, Day, SatisfactionScale, Survey};
use std::sync::{Arc, Mutex, OnceLock};

/// One occasion of a customer (DOMAIN.md §2): a distinct ticket id on a day when the line has
/// one, else a distinct (customer, day). Keying tickets by day too keeps every amount on its own
/// date: a return filed later under the original ticket id is its own (return-only) occasion on
/// the return's day, so window values follow the line dates.
///
/// 16 bytes: the purchase flag is packed with the month, and the margins are held apart
/// ([`Prepared::margins_of`]), only for sales that carry them. The 650k occasions of the
/// 100k-customer benchmark take 10 MB (plus 5 MB of margins) instead of 21 MB.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Occasion {
    /// Day of the occasion.
    pub day: Day,
    /// `month · 2 + purchase`: the calendar month of `day` as `year · 12 + month − 1`
    /// (precomputed for trends and cohorts) and whether the occasion is a purchase.
    tag: i32,
    /// Net amount: the sum of the lines, returns negative.
    pub value: f64,
}

const _: () = assert!(std::mem::size_of::<Occasion>() == 16);

impl Occasion {
    pub(super) fn new(day: Day, value: f64, purchase: bool) -> Self {
        Occasion {
            day,
            tag: month_index(day) * 2 + i32::from(purchase),
            value,
        }
    }

    /// Calendar month of `day` as `year · 12 + month − 1`.
    pub fn month(&self) -> i32 {
        self.tag >> 1
    }

    /// Whether any line has a non-negative amount. A return-only occasion (every line
    /// negative) is not a purchase: it nets against value but counts for neither frequency nor
    /// recency. A zero-amount line (a free item) is a visit, so it is a purchase occasion.
    pub fn purchase(&self) -> bool {
        self.tag & 1 != 0
    }
}

/// Per-customer occasions and surveys of a dataset, ready for any number of analyses.
///
/// Build it once with [`Prepared::new`] (O(sales · log) time; [`Preparing`] in steps), then call
/// [`Prepared::analyze`] for every change of parameters.
#[derive(Debug)]
pub struct Prepared {
    pub(crate) customers: usize,
    pub(crate) has_margin: bool,
    /// `occasions[offsets[c]..offsets[c + 1]]` are customer `c`'s, sorted by day.
    pub(crate) offsets: Vec<usize>,
    pub(crate) occasions: Vec<Occasion>,
    /// `margins[i]` is the margin of `occasions[i]` (the sum of its lines' margins, lines
    /// without one counting 0) when the sales carry margin; empty otherwise.
    margins: Vec<f64>,
    /// `surveys[survey_offsets[c]..survey_offsets[c + 1]]` are customer `c`'s, sorted by day.
    pub(crate) survey_offsets: Vec<usize>,
    pub(crate) surveys: Vec<Survey>,
    pub(crate) servqual_dimensions: Vec<String>,
    /// The surveys' SERVQUAL answers, flat, in the order of `surveys`.
    pub(crate) servqual_answers: ServqualAnswers,
    pub(crate) survey_scale: SatisfactionScale,
    pub(crate) last_sale_day: Option<Day>,
    pub(crate) last_any_day: Option<Day>,
    /// The fit stages (summaries and fits) of the last analysis dates.
    fit_cache: Cache<Day, FitStage, DATES_KEPT>,
    /// The fits of the last [`FITS_KEPT`] analysis dates, oldest first: going back to one of
    /// them skips the optimisation (only the summaries are recomputed).
    fits: Mutex<Vec<(Day, Models)>>,
    /// The dataset's [`DataKey`], computed when first needed.
    data_key: OnceLock<DataKey>,
    /// The last model stages, by date and horizons.
    model_cache: Cache<ModelKey, ModelStage, DATES_KEPT>,
    /// The last history stages, by analysis date.
    history_cache: Cache<Day, HistoryStage, DATES_KEPT>,
    /// The last trends and cohorts, by date and lengths.
    calendar_cache: Cache<CalendarKey, CalendarStage, DATES_KEPT>,
    /// The last window stages, by date and window length.
    window_cache: Cache<WindowKey, WindowStage, WINDOWS_KEPT>,
    /// The last overdue orders, by date and overdue rule.
    overdue_cache: Cache<OverdueKey, Vec<(u32, f64)>, DATES_KEPT>,
    /// The last picked survey answers, by [`AnswerKey`].
    answer_cache: Cache<AnswerKey, AnswerStage, WINDOWS_KEPT>,
    /// The last growth rankings (CMP) and P(alive) histograms, by window and model keys.
    growth_cache: Cache<(WindowKey, ModelKey), GrowthStage, WINDOWS_KEPT>,
    /// The last analysis and its parameters ([`Prepared::analysis`]).
    pub(crate) analysis_cache: Mutex<Option<(Params, Arc<Analysis>)>>,
}

/// How many analysis dates keep their model fits (a few hundred bytes each).
const FITS_KEPT: usize = 32;

/// How many entries the stages keyed by the analysis date keep (history, calendar, fit,
/// model, overdue order): the current date and the one before, so that going back and forth
/// between two dates (a consultant comparing them) recomputes only the aggregates. About
/// 18 MB a date at 100k customers: history rows 4.8 MB, the fit's summaries ≈ 5 MB, the
/// predictions 8 MB.
const DATES_KEPT: usize = 2;

/// How many entries the stages keyed by the window keep (window, answers, growth): the
/// current window, the one before, and two more a page may prepare ahead
/// ([`Prepared::prepare_step`] on the neighbouring lengths). About 14 MB a window stage at
/// 100k customers (4.6 MB of them the moves).
const WINDOWS_KEPT: usize = 4;

/// The last `N` stages computed and their keys, most recently used last.
#[derive(Debug)]
struct Cache<K, V, const N: usize>(Mutex<Vec<(K, Arc<V>)>>);

impl<K: Copy + PartialEq, V, const N: usize> Cache<K, V, N> {
    fn new() -> Self {
        Cache(Mutex::new(Vec::with_capacity(N)))
    }

    /// The entries, least recently used first (a poisoned lock still holds them).
    fn entries(&self) -> std::sync::MutexGuard<'_, Vec<(K, Arc<V>)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value of `key`, computed by `compute` on a miss; either way it becomes the most
    /// recently used, and a miss with `N` entries drops the least recently used.
    fn get(&self, key: K, compute: impl FnOnce() -> V) -> Arc<V> {
        let mut entries = self.entries();
        let entry = match entries.iter().position(|(k, _)| *k == key) {
            Some(i) => entries.remove(i),
            None => {
                if entries.len() == N {
                    entries.remove(0);
                }
                (key, Arc::new(compute()))
            }
        };
        let value = Arc::clone(&entry.1);
        entries.push(entry);
        value
    }

    /// Whether the cache holds the value of `key` (without using it).
    fn holds(&self, key: &K) -> bool {
        self.entries().iter().any(|(k, _)| k == key)
    }
}

impl Prepared {
    /// Groups the dataset's sales into occasions and its surveys per customer: the steps of
    /// [`Preparing`] in a row.
    pub fn new(data: &Dataset) -> Self {
        Preparing::new(data).finish()
    }

    /// The engine over the data `parts`, every cache empty.
    pub(super) fn from_parts(parts: Parts) -> Self {
        Prepared {
            customers: parts.customers,
            has_margin: parts.has_margin,
            offsets: parts.offsets,
            occasions: parts.occasions,
            margins: parts.margins,
            survey_offsets: parts.survey_offsets,
            surveys: parts.surveys,
            servqual_answers: parts.servqual_answers,
            servqual_dimensions: parts.servqual_dimensions,
            survey_scale: parts.survey_scale,
            last_sale_day: parts.last_sale_day,
            last_any_day: parts.last_any_day,
            fit_cache: Cache::new(),
            fits: Mutex::new(Vec::new()),
            data_key: OnceLock::new(),
            model_cache: Cache::new(),
            history_cache: Cache::new(),
            calendar_cache: Cache::new(),
            window_cache: Cache::new(),
            overdue_cache: Cache::new(),
            answer_cache: Cache::new(),
            growth_cache: Cache::new(),
            analysis_cache: Mutex::new(None),
        }
    }

    /// Number of customers (every id of the dataset).
    pub fn customer_count(&self) -> usize {
        self.customers
    }

    /// Customer `c`'s occasions, sorted by day.
    pub(crate) fn occasions_of(&self, c: usize) -> &[Occasion] {
        &self.occasions[self.offsets[c]..self.offsets[c + 1]]
    }

    /// The margins of customer `c`'s occasions, in the order of [`Prepared::occasions_of`];
    /// empty when the sales carry no margin.
    pub(crate) fn margins_of(&self, c: usize) -> &[f64] {
        if self.has_margin {
            &self.margins[self.offsets[c]..self.offsets[c + 1]]
        } else {
            &[]
        }
    }

    /// The fit stage at `as_of`, cached; the fits themselves are kept for the last
    /// [`FITS_KEPT`] dates.
    fn fit(&self, as_of: Day) -> Arc<FitStage> {
        self.fit_cache.get(as_of, || {
            let mut fits = self.fits.lock().unwrap_or_else(|e| e.into_inner());
            let known = fits.iter().find(|f| f.0 == as_of).map(|f| f.1.clone());
            let stage = fit_stage(self, as_of, known.clone());
            if known.is_none() {
                if fits.len() == FITS_KEPT {
                    fits.remove(0);
                }
                fits.push((as_of, stage.models.clone()));
            }
            stage
        })
    }

    /// What identifies this dataset's occasions for a stored fit (computed once: one pass
    /// over the occasions).
    pub fn data_key(&self) -> DataKey {
        *self.data_key.get_or_init(|| DataKey::of(self))
    }

    /// The key of the fit at `params`' analysis date (only the date matters: see
    /// [`crate::engine::FitRecord`]).
    pub fn fit_key(&self, params: &Params) -> FitKey {
        self.fit_key_at(resolve_as_of(self, params))
    }

    /// The key of the fit at `as_of`.
    pub(crate) fn fit_key_at(&self, as_of: Day) -> FitKey {
        FitKey {
            version: FIT_VERSION,
            as_of,
            data: self.data_key(),
        }
    }

    /// The models fitted at `params`' analysis date, fitting them if needed (the same fit
    /// [`Prepared::analyze`] uses and caches), as a record to store with the dataset.
    pub fn fit_for(&self, params: &Params) -> FitRecord {
        let key = self.fit_key(params);
        FitRecord {
            key,
            models: self.fit(key.as_of).models.clone(),
        }
    }

    /// What the fit at `params`' analysis date reads (one pass over the occasions, no
    /// fitting), for [`crate::engine::fit`] to run elsewhere (the import worker); seed the
    /// record it gives with [`Prepared::seed_fit`].
    pub fn fit_inputs(&self, params: &Params) -> FitInputs {
        FitInputs::gather(self, self.fit_key(params)).0
    }

    /// The models at `params`' analysis date if they were already fitted (or seeded), without
    /// fitting: what a page stores after an analysis it ran itself.
    pub fn fitted(&self, params: &Params) -> Option<FitRecord> {
        let key = self.fit_key(params);
        let fits = self.fits.lock().unwrap_or_else(|e| e.into_inner());
        let models = fits.iter().find(|f| f.0 == key.as_of)?.1.clone();
        Some(FitRecord { key, models })
    }

    /// Gives this dataset models fitted earlier, so that analyses at `record`'s date skip the
    /// optimisation. Accepted (`true`) only when the record's key is this dataset's key for
    /// that date (same data, same fitting code); any other record is ignored (`false`).
    pub fn seed_fit(&self, record: FitRecord) -> bool {
        let key = FitKey {
            version: FIT_VERSION,
            as_of: record.key.as_of,
            data: self.data_key(),
        };
        if record.key != key {
            return false;
        }
        let mut fits = self.fits.lock().unwrap_or_else(|e| e.into_inner());
        fits.retain(|f| f.0 != key.as_of);
        if fits.len() == FITS_KEPT {
            fits.remove(0);
        }
        fits.push((key.as_of, record.models));
        true
    }

    /// The model stage for `key`, cached: changing tiers, thresholds or scoring reuses it, and
    /// changing a horizon or the discount reuses the fit stage under it.
    pub(crate) fn models(&self, key: ModelKey) -> Arc<ModelStage> {
        self.model_cache.get(key, || {
            model_stage(self.customers, &self.fit(key.as_of), key)
        })
    }

    /// The history stage at `as_of`, computed once per analysis date.
    pub(crate) fn history(&self, as_of: Day) -> Arc<HistoryStage> {
        self.history_cache.get(as_of, || history_stage(self, as_of))
    }

    /// The trend and cohorts for `key`, computed once per date and lengths.
    pub(crate) fn calendar(&self, key: CalendarKey) -> Arc<CalendarStage> {
        self.calendar_cache.get(key, || calendar_stage(self, key))
    }

    /// The window stage for `key` (with the history stage at the same date), computed once
    /// and cached: changing tier cuts, scoring, segment map, class shares, the overdue rule or
    /// the satisfaction settings does not repeat the pass over the occasions.
    pub(crate) fn window(&self, key: WindowKey, history: &HistoryStage) -> Arc<WindowStage> {
        self.window_cache
            .get(key, || window_stage(self, key, history))
    }

    /// Computes the next stage an analysis at `params` needs that no model fitting enters
    /// and caches it: the history, calendar, window, overdue and answer stages, in that order,
    /// then, once the models of the date are known (fitted before or seeded), the fit stage
    /// (its pass over the occasions), the model stage (the predictions) and the growth stage.
    /// `false` once all of them are cached. One stage per call, so that a page can run them
    /// in tasks of their own (while the worker fits the models of a new date, or before a new
    /// window or date is analysed): [`Prepared::analysis`] then only adds the aggregates, and
    /// the model outputs when the fits were not known.
    pub fn prepare_step(&self, params: &Params) -> bool {
        self.next_stage(params, true)
    }

    /// Whether every stage [`Prepared::prepare_step`] computes is cached for `params` (an
    /// analysis then adds only the aggregates, and the model outputs when the fits of the date
    /// are not known).
    pub fn is_prepared(&self, params: &Params) -> bool {
        !self.next_stage(params, false)
    }

    /// Whether the models of `as_of` are known: fitted before (or seeded), so that its fit
    /// stage only gathers the summaries.
    fn knows_fit(&self, as_of: Day) -> bool {
        self.fit_cache.holds(&as_of)
            || self
                .fits
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .iter()
                .any(|f| f.0 == as_of)
    }

    /// Whether a stage [`Prepared::prepare_step`] computes is missing for `params`; the first
    /// one is computed when `compute`.
    fn next_stage(&self, params: &Params, compute: bool) -> bool {
        let as_of = resolve_as_of(self, params);
        if !self.history_cache.holds(&as_of) {
            if compute {
                self.history(as_of);
            }
            return true;
        }
        let history = self.history(as_of);
        let calendar = CalendarKey::new(as_of, params);
        if !self.calendar_cache.holds(&calendar) {
            if compute {
                self.calendar(calendar);
            }
            return true;
        }
        let window = WindowKey::new(as_of, params);
        if !self.window_cache.holds(&window) {
            if compute {
                self.window(window, &history);
            }
            return true;
        }
        let overdue = OverdueKey::new(as_of, params);
        if !self.overdue_cache.holds(&overdue) {
            if compute {
                self.overdue(overdue, &history);
            }
            return true;
        }
        let answers = AnswerKey::new(window, params, self.scale(params));
        if !self.answer_cache.holds(&answers) {
            if compute {
                self.answers(answers, self.window(window, &history).window_start);
            }
            return true;
        }
        if !self.knows_fit(as_of) {
            return false;
        }
        if !self.fit_cache.holds(&as_of) {
            if compute {
                self.fit(as_of);
            }
            return true;
        }
        let model = ModelKey::new(as_of, params);
        if !self.model_cache.holds(&model) {
            if compute {
                self.models(model);
            }
            return true;
        }
        if !self.growth_cache.holds(&(window, model)) {
            if compute {
                let (stage, models) = (self.window(window, &history), self.models(model));
                self.growth((window, model), &history, &stage, &models);
            }
            return true;
        }
        false
    }

    /// The satisfaction scale of `params`: the setting, else the survey file's.
    pub(crate) fn scale(&self, params: &Params) -> SatisfactionScale {
        params.survey_scale.unwrap_or(self.survey_scale)
    }

    /// The overdue order for `key` ([`overdue_order`]), cached: changing the overdue rule
    /// re-filters the history rows without another pass over the occasions.
    pub(crate) fn overdue(&self, key: OverdueKey, history: &HistoryStage) -> Arc<Vec<(u32, f64)>> {
        self.overdue_cache.get(key, || overdue_order(history, key))
    }

    /// The picked survey answers for `key` (`window_start` is the key's window start).
    pub(crate) fn answers(&self, key: AnswerKey, window_start: Day) -> Arc<AnswerStage> {
        self.answer_cache
            .get(key, || answer_stage(self, key, window_start))
    }

    /// The growth stage of a window and a model stage (with their keys), cached: changing
    /// the CMP share re-cuts it without re-ranking.
    pub(crate) fn growth(
        &self,
        keys: (WindowKey, ModelKey),
        history: &HistoryStage,
        window: &WindowStage,
        models: &ModelStage,
    ) -> Arc<GrowthStage> {
        self.growth_cache
            .get(keys, || growth_stage(history, window, models))
    }

    /// Customer `c`'s surveys, sorted by day.
    pub(crate) fn surveys_of(&self, c: usize) -> &[Survey] {
        &self.surveys[self.survey_offsets[c]..self.survey_offsets[c + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::Cache;
    use std::cell::Cell;

    #[test]
    fn a_cache_keeps_its_last_n_keys_and_drops_the_least_recently_used() {
        let cache: Cache<u32, u32, 2> = Cache::new();
        let computed = Cell::new(0);
        let get = |k: u32| {
            *cache.get(k, || {
                computed.set(computed.get() + 1);
                k * 10
            })
        };
        assert_eq!((get(1), get(2), computed.get()), (10, 20, 2));
        assert_eq!(
            (get(1), computed.get()),
            (10, 2),
            "1 is kept, not recomputed"
        );
        // 2 is now the least recently used: 3 takes its place.
        assert_eq!((get(3), computed.get()), (30, 3));
        assert!(cache.holds(&1) && cache.holds(&3) && !cache.holds(&2));
        // `holds` does not count as a use: 1 stays the least recently used.
        assert!(cache.holds(&1));
        get(3);
        get(4);
        assert!(!cache.holds(&1) && cache.holds(&3) && cache.holds(&4));
        assert_eq!(computed.get(), 4);
    }
}
