//! Building a [`Prepared`] in steps of bounded work ([`Preparing`]), so that a page can spread
//! the grouping of a million sales lines over several tasks instead of holding the thread for
//! one long task. [`Prepared::new`] runs the same steps in a row.

use crate::engine::prepared::{Occasion, Prepared};
use crate::engine::satisfaction::ServqualAnswers;
use crate::model::{Dataset, Day, Survey};

/// The sales lines a step reads (a step of occasions reads on to the end of a customer):
/// 0.2–1 ms natively (the longest step, where the counts become offsets, 2.5–3 ms), so that a
/// page fills a task of a frame's length with several steps and yields between.
const STEP_LINES: usize = 1 << 16;

/// The surveys a step copies (each with its SERVQUAL answers and comment: a few allocations).
const STEP_SURVEYS: usize = 1 << 13;

/// [`Prepared::new`] one step at a time: [`Preparing::step`] until it returns `false`, then
/// [`Preparing::finish`]. The steps, each over [`STEP_LINES`] sales lines (the last of a
/// phase over fewer; a step of occasions over whole customers, at least one):
///
/// 1. count the lines of each customer (and note the last sale day and whether any line has a
///    margin);
/// 2. copy the lines, 24 bytes each, into customer order (a stable counting sort);
/// 3. per customer, sort the lines by (day, ticket) and sum each occasion;
/// 4. group the surveys per customer and copy them, [`STEP_SURVEYS`] a step.
///
/// Nothing is shared between two builders, and the result is the same however the steps are
/// spread over time.
pub struct Preparing<'a> {
    data: &'a Dataset,
    phase: Phase,
    /// The number of customers, known once the lines are counted.
    customers: usize,
    /// The sales lines grouped by customer (see [`Grouping`]).
    lines: Grouping<Line>,
    has_margin: bool,
    last_sale_day: Option<Day>,
    /// Per-customer occasions so far: `occasions[offsets[c]..offsets[c + 1]]`.
    offsets: Vec<usize>,
    occasions: Vec<Occasion>,
    margins: Vec<f64>,
    /// The indexes of the surveys, grouped by customer and sorted by day.
    survey_order: Grouping<usize>,
    /// The surveys copied so far, in `survey_order`.
    surveys: Vec<Survey>,
    /// The finished engine, after the last step.
    done: Option<Prepared>,
}

/// Where a [`Preparing`] is: each phase holds the index (of sales line or customer) its next
/// step starts from.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    Count(usize),
    Place(usize),
    Occasions(usize),
    Surveys(usize),
    Done,
}

/// What grouping reads of a sales line: 24 bytes, copied in the lines' order into customer
/// order, so that the per-customer pass reads memory in order instead of gathering the 56-byte
/// [`crate::model::Sale`]s of each customer from all over the dataset (one cache miss a line).
#[derive(Clone, Copy, Default)]
struct Line {
    day: Day,
    /// The ticket index, `u32::MAX` for a line without one.
    ticket: u32,
    amount: f64,
    /// The margin, 0 for a line without one.
    margin: f64,
}

impl Line {
    fn of(s: &crate::model::Sale) -> Self {
        Line {
            day: s.day,
            ticket: s.ticket.raw(),
            amount: s.amount,
            margin: s.margin.get().unwrap_or(0.0),
        }
    }
}

/// A stable counting sort by customer, fed in two passes that may each be cut into pieces:
/// [`Grouping::count`] every item's customer, [`Grouping::close`] once, then
/// [`Grouping::place`] every item in the same order. Then `grouped[offsets[c]..offsets[c + 1]]`
/// are customer `c`'s items, in the order given; the writes scatter.
struct Grouping<T> {
    /// The counts while counting (`offsets[c + 1]` is customer `c`'s; grows to the largest
    /// customer seen), then the offsets.
    offsets: Vec<usize>,
    /// Where customer `c`'s next item goes.
    next: Vec<usize>,
    grouped: Vec<T>,
}

impl<T: Copy + Default> Grouping<T> {
    fn new() -> Self {
        Grouping {
            offsets: vec![0],
            next: Vec::new(),
            grouped: Vec::new(),
        }
    }

    fn count(&mut self, customer: usize) {
        if customer + 1 >= self.offsets.len() {
            self.offsets.resize(customer + 2, 0);
        }
        self.offsets[customer + 1] += 1;
    }

    /// The customers counted so far (one past the largest).
    fn counted(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Ends the counting, for `customers` customers (at least [`Grouping::counted`]).
    fn close(&mut self, customers: usize) {
        self.offsets.resize(customers + 1, 0);
        for i in 0..customers {
            self.offsets[i + 1] += self.offsets[i];
        }
        self.next = self.offsets[..customers].to_vec();
        self.grouped = vec![T::default(); self.offsets[customers]];
    }

    fn place(&mut self, customer: usize, item: T) {
        self.grouped[self.next[customer]] = item;
        self.next[customer] += 1;
    }

    /// Customer `c`'s items.
    fn of(&mut self, c: usize) -> &mut [T] {
        &mut self.grouped[self.offsets[c]..self.offsets[c + 1]]
    }
}

impl<'a> Preparing<'a> {
    /// Starts preparing `data`; no work is done until the first step.
    pub fn new(data: &'a Dataset) -> Self {
        Preparing {
            data,
            phase: Phase::Count(0),
            customers: 0,
            lines: Grouping::new(),
            has_margin: false,
            last_sale_day: None,
            offsets: Vec::new(),
            occasions: Vec::new(),
            margins: Vec::new(),
            survey_order: Grouping::new(),
            surveys: Vec::new(),
            done: None,
        }
    }

    /// Does the next step (see [`Preparing`]); whether any is left.
    pub fn step(&mut self) -> bool {
        let sales = &self.data.sales;
        self.phase = match self.phase {
            Phase::Count(from) => {
                let to = sales.len().min(from + STEP_LINES);
                for s in &sales[from..to] {
                    self.lines.count(s.customer as usize);
                    self.has_margin |= s.margin.get().is_some();
                    self.last_sale_day = self.last_sale_day.max(Some(s.day));
                }
                if to == sales.len() {
                    self.customers = self.referred_customers();
                    let customers = self.customers;
                    self.lines.close(customers);
                    self.offsets = Vec::with_capacity(customers + 1);
                    self.offsets.push(0);
                    self.occasions = Vec::with_capacity(sales.len());
                    if self.has_margin {
                        self.margins = Vec::with_capacity(sales.len());
                    }
                    Phase::Place(0)
                } else {
                    Phase::Count(to)
                }
            }
            Phase::Place(from) => {
                let to = sales.len().min(from + STEP_LINES);
                for s in &sales[from..to] {
                    self.lines.place(s.customer as usize, Line::of(s));
                }
                if to == sales.len() {
                    Phase::Occasions(0)
                } else {
                    Phase::Place(to)
                }
            }
            Phase::Occasions(from) => {
                // At least one customer a step, however many lines it has.
                let until = self.lines.offsets[from] + STEP_LINES;
                let mut c = from;
                while c < self.customers && self.lines.offsets[c] < until {
                    self.occasions_of(c);
                    c += 1;
                }
                if c == self.customers {
                    self.group_surveys();
                    Phase::Surveys(0)
                } else {
                    Phase::Occasions(c)
                }
            }
            Phase::Surveys(from) => {
                let order = &self.survey_order.grouped;
                let to = order.len().min(from + STEP_SURVEYS);
                let all = &self.data.surveys;
                self.surveys
                    .extend(order[from..to].iter().map(|&i| all[i].clone()));
                if to == order.len() {
                    self.done = Some(self.assemble());
                    Phase::Done
                } else {
                    Phase::Surveys(to)
                }
            }
            Phase::Done => Phase::Done,
        };
        self.phase != Phase::Done
    }

    /// The engine, after the steps left (all of them if none was taken).
    pub fn finish(mut self) -> Prepared {
        while self.step() {}
        self.done.expect("the last step builds the engine")
    }

    /// Every customer id of the dataset, and every customer a sale, survey or customer record
    /// refers to (a dataset built by hand may refer past its ids).
    fn referred_customers(&self) -> usize {
        let data = self.data;
        let referred = data
            .surveys
            .iter()
            .map(|s| s.customer)
            .chain(data.customers.iter().map(|c| c.key))
            .max()
            .map_or(0, |m| m as usize + 1);
        data.customer_ids
            .len()
            .max(referred)
            .max(self.lines.counted())
    }

    /// Sums customer `c`'s lines into occasions, each the lines of one (day, ticket).
    fn occasions_of(&mut self, c: usize) {
        let lines = self.lines.of(c);
        // Stable, so the lines of an occasion are summed in the dataset's order.
        lines.sort_by_key(|l| (l.day, l.ticket));
        for group in lines.chunk_by(|a, b| a.day == b.day && a.ticket == b.ticket) {
            let (mut value, mut margin, mut purchase) = (0.0, 0.0, false);
            for l in group {
                value += l.amount;
                margin += l.margin;
                purchase |= l.amount >= 0.0;
            }
            self.occasions
                .push(Occasion::new(group[0].day, value, purchase));
            if self.has_margin {
                self.margins.push(margin);
            }
        }
        self.offsets.push(self.occasions.len());
    }

    /// Groups the indexes of the surveys per customer, each customer's sorted by day (a
    /// stable sort, so the surveys of a day stay in the dataset's order).
    fn group_surveys(&mut self) {
        let surveys = &self.data.surveys;
        let order = &mut self.survey_order;
        for s in surveys {
            order.count(s.customer as usize);
        }
        order.close(self.customers);
        for (i, s) in surveys.iter().enumerate() {
            order.place(s.customer as usize, i);
        }
        for c in 0..self.customers {
            order.of(c).sort_by_key(|&i| surveys[i].day);
        }
        self.surveys = Vec::with_capacity(surveys.len());
    }

    /// The engine, from the occasions and the surveys in order.
    fn assemble(&mut self) -> Prepared {
        let data = self.data;
        let surveys = std::mem::take(&mut self.surveys);
        let servqual_answers = ServqualAnswers::new(data.servqual_dimensions.len(), surveys.iter());
        let last_any_day = self
            .last_sale_day
            .into_iter()
            .chain(data.surveys.iter().map(|s| s.day))
            .chain(data.complaints.iter().map(|c| c.day))
            .max();
        self.lines = Grouping::new();
        Prepared::from_parts(Parts {
            customers: self.customers,
            has_margin: self.has_margin,
            offsets: std::mem::take(&mut self.offsets),
            occasions: std::mem::take(&mut self.occasions),
            margins: std::mem::take(&mut self.margins),
            survey_offsets: std::mem::take(&mut self.survey_order.offsets),
            surveys,
            servqual_answers,
            servqual_dimensions: data.servqual_dimensions.clone(),
            survey_scale: data.survey_scale,
            last_sale_day: self.last_sale_day,
            last_any_day,
        })
    }
}

/// The data fields of a [`Prepared`], as [`Preparing`] builds them (see the field docs there).
pub(super) struct Parts {
    pub customers: usize,
    pub has_margin: bool,
    pub offsets: Vec<usize>,
    pub occasions: Vec<Occasion>,
    pub margins: Vec<f64>,
    pub survey_offsets: Vec<usize>,
    pub surveys: Vec<Survey>,
    pub servqual_answers: ServqualAnswers,
    pub servqual_dimensions: Vec<String>,
    pub survey_scale: crate::model::SatisfactionScale,
    pub last_sale_day: Option<Day>,
    pub last_any_day: Option<Day>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Params;
    use crate::model::{Dict, Sale};

    /// `lines` sales lines of 1.0 each, line `i` by customer `i % customers` on day `i % 365`.
    fn spread(customers: usize, lines: usize) -> Dataset {
        Dataset {
            customer_ids: Dict::from_names((0..customers).map(|c| format!("C{c}")).collect()),
            sales: (0..lines)
                .map(|i| Sale {
                    customer: (i % customers) as u32,
                    day: (i % 365) as Day,
                    amount: 1.0,
                    ..Sale::default()
                })
                .collect(),
            ..Dataset::default()
        }
    }

    fn steps(data: &Dataset) -> usize {
        let mut preparing = Preparing::new(data);
        let mut steps = 1;
        while preparing.step() {
            steps += 1;
        }
        steps
    }

    #[test]
    fn each_step_reads_about_a_step_of_lines() {
        // 3 full steps and a few lines: 4 counting steps, 4 placing steps, 3 or 4 steps of
        // occasions (each ends at the first customer that starts past a step of lines, so it
        // reads up to a customer more), the surveys.
        let data = spread(2_000, 3 * STEP_LINES + 7);
        let n = steps(&data);
        assert!((12..=13).contains(&n), "{n} steps");
        // An empty dataset takes the counting, placing, occasions and surveys steps, once each.
        assert_eq!(steps(&Dataset::default()), 4);
    }

    #[test]
    fn a_customer_with_more_lines_than_a_step_is_summed_in_one() {
        let mut data = spread(2, 1);
        data.sales.extend((0..2 * STEP_LINES + 1).map(|i| Sale {
            customer: 1,
            day: (i % 3) as Day,
            amount: 0.5,
            ..Sale::default()
        }));
        let prepared = Prepared::new(&data);
        let days: Vec<(Day, f64)> = prepared
            .occasions_of(1)
            .iter()
            .map(|o| (o.day, o.value))
            .collect();
        let third = (2 * STEP_LINES + 1) as f64 / 3.0;
        assert_eq!(days, [(0, third * 0.5), (1, third * 0.5), (2, third * 0.5)]);
        assert_eq!(prepared.occasions_of(0).len(), 1);
    }

    #[test]
    fn surveys_copied_over_several_steps_keep_each_customers_by_day() {
        // Customer `i % 2` answers on day `n − i`: each customer's surveys arrive latest first.
        let n = 2 * STEP_SURVEYS + 1;
        let mut data = spread(2, 0);
        data.surveys = (0..n)
            .map(|i| Survey {
                customer: (i % 2) as u32,
                day: (n - i) as Day,
                overall: 3.0,
                recommend: None,
                expectations: Vec::new(),
                perceptions: Vec::new(),
                comment: None,
            })
            .collect();
        // Counting, placing and occasions once each, then 3 steps of surveys.
        assert_eq!(steps(&data), 6);
        let prepared = Prepared::new(&data);
        for c in 0..2 {
            let days: Vec<Day> = prepared.surveys_of(c).iter().map(|s| s.day).collect();
            let expected: Vec<Day> = (0..n)
                .rev()
                .filter(|i| i % 2 == c)
                .map(|i| (n - i) as Day)
                .collect();
            assert_eq!(days, expected, "customer {c}");
        }
    }

    #[test]
    fn stopping_midway_and_finishing_gives_the_engine_new_gives() {
        let data = crate::demo::generate(&crate::demo::DemoConfig {
            customers: 300,
            ..Default::default()
        });
        let params = Params::default();
        let whole = Prepared::new(&data).analyze(&params);
        for taken in [0, 1, 2, 3] {
            let mut preparing = Preparing::new(&data);
            for _ in 0..taken {
                assert!(preparing.step());
            }
            assert_eq!(
                preparing.finish().analyze(&params),
                whole,
                "after {taken} steps"
            );
        }
    }
}
