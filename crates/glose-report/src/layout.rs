//! The drawing of the co-occurrence network: a force-directed layout (Fruchterman and
//! Reingold, with room for each node's radius) of each connected group of names on its
//! own, the groups packed in rows, the biggest first, then labels placed where they
//! overlap neither a circle nor another label.
//!
//! It is deterministic: the start is a fixed spiral, the iterations are fixed, and only
//! `+ - * /` and `sqrt` are used, which IEEE 754 rounds the same everywhere; so the same
//! corpus gives the same picture, byte for byte.

/// Width of the drawing, in SVG units; its height follows from the layout.
pub(crate) const WIDTH: f64 = 1000.0;
const MIN_HEIGHT: f64 = 160.0;
const MAX_HEIGHT: f64 = 900.0;

const ITERATIONS: usize = 400;
/// Space kept around each group of names.
const PAD: f64 = 14.0;
/// Height of a label's box, for the 12.5px labels of the page.
const LABEL_HEIGHT: f64 = 15.0;
/// Gap between a circle and its label.
const LABEL_GAP: f64 = 3.0;

/// One node to draw: its radius and the width of its label.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NodeSize {
    pub(crate) r: f64,
    pub(crate) label_width: f64,
}

/// Where a node's label goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LabelSpot {
    pub(crate) x: f64,
    pub(crate) y: f64,
    /// `start`, `end` or `middle` (SVG `text-anchor`).
    pub(crate) anchor: &'static str,
    /// Shown from the start; the others appear on hover, where they may overlap.
    pub(crate) shown: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Drawing {
    pub(crate) height: f64,
    /// Centre of each node, rounded to a tenth.
    pub(crate) positions: Vec<(f64, f64)>,
    pub(crate) labels: Vec<LabelSpot>,
}

/// The width of `text` in the page's 12.5px sans-serif, roughly, from its letters.
pub(crate) fn text_width(text: &str) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'í' | 'ì' | 'î' | 'ï' | '\'' | '’' | '.' | ',' | ':' | ';' | '!'
            | '|' => 0.28,
            'f' | 't' | 'r' | ' ' | '-' | '(' | ')' | 'I' => 0.36,
            'm' | 'w' => 0.86,
            'M' | 'W' => 0.95,
            c if c.is_uppercase() => 0.7,
            c if c.is_ascii_digit() => 0.6,
            _ => 0.56,
        })
        .sum();
    em * 12.5
}

/// Lays out nodes joined by `(a, b, weight)` springs. Nodes come most important first:
/// they start near the centre of their group and get their label first, up to `labelled`.
pub(crate) fn draw(
    sizes: &[NodeSize],
    springs: &[(usize, usize, f64)],
    labelled: usize,
) -> Drawing {
    let n = sizes.len();
    if n == 0 {
        return Drawing {
            height: MIN_HEIGHT,
            positions: Vec::new(),
            labels: Vec::new(),
        };
    }
    let groups = components(n, springs);
    let mean_r = sizes.iter().map(|s| s.r).sum::<f64>() / n as f64;
    // The ideal length of a link: nodes share the width of the page.
    let k = ((WIDTH * 600.0 / n as f64).sqrt() * 0.55).clamp(36.0, 140.0) + mean_r;

    // Each group on its own, centred on 0, then its box.
    let mut placed: Vec<Group> = Vec::new();
    for group in groups {
        let mut local = vec![usize::MAX; n];
        for (j, &i) in group.iter().enumerate() {
            local[i] = j;
        }
        let group_springs: Vec<(usize, usize, f64)> = springs
            .iter()
            .filter(|s| local[s.0] != usize::MAX)
            .map(|&(a, b, w)| (local[a], local[b], w))
            .collect();
        let radii: Vec<f64> = group.iter().map(|&i| sizes[i].r).collect();
        let pos = spring_layout(&radii, &group_springs, k);
        let mut bounds = Bounds::EMPTY;
        for (&(x, y), &i) in pos.iter().zip(&group) {
            let r = sizes[i].r;
            bounds.add(x - r - PAD, y - r - PAD);
            bounds.add(x + r + PAD, y + r + PAD);
        }
        if group.len() == 1 {
            // A lone name: room for its label on the right.
            let s = sizes[group[0]];
            bounds.add(s.r + LABEL_GAP + s.label_width + PAD, 0.0);
        }
        placed.push((group, pos, bounds));
    }

    // Rows of groups, each row centred.
    let row_width = placed.iter().map(|p| p.2.width()).fold(WIDTH, f64::max);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut x = 0.0;
    for (g, p) in placed.iter().enumerate() {
        let w = p.2.width();
        if x + w > row_width && !rows.last().is_none_or(Vec::is_empty) {
            rows.push(Vec::new());
            x = 0.0;
        }
        x += w;
        if let Some(row) = rows.last_mut() {
            row.push(g);
        }
    }
    let mut positions = vec![(0.0, 0.0); n];
    let mut top = 0.0;
    for row in &rows {
        let width: f64 = row.iter().map(|&g| placed[g].2.width()).sum();
        let height = row
            .iter()
            .map(|&g| placed[g].2.height())
            .fold(0.0, f64::max);
        let mut left = (row_width - width) / 2.0;
        for &g in row {
            let (group, pos, b) = &placed[g];
            // Centred vertically in the row.
            let dy = top + (height - b.height()) / 2.0 - b.y0;
            let dx = left - b.x0;
            for (&i, &(x, y)) in group.iter().zip(pos) {
                positions[i] = (x + dx, y + dy);
            }
            left += b.width();
        }
        top += height;
    }
    // Into the page's width; never taller than MAX_HEIGHT.
    let mut scale = WIDTH / row_width;
    if top * scale > MAX_HEIGHT {
        scale = MAX_HEIGHT / top;
    }
    let height = (top * scale).max(MIN_HEIGHT);
    let ox = (WIDTH - row_width * scale) / 2.0;
    let oy = (height - top * scale) / 2.0;
    for p in &mut positions {
        *p = (round(ox + p.0 * scale), round(oy + p.1 * scale));
    }
    let labels = place_labels(sizes, &positions, height, labelled);
    Drawing {
        height: round(height),
        positions,
        labels,
    }
}

/// A connected group: its nodes, their positions around 0, and its box.
type Group = (Vec<usize>, Vec<(f64, f64)>, Bounds);

#[derive(Clone, Copy, Debug)]
struct Bounds {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Bounds {
    const EMPTY: Bounds = Bounds {
        x0: f64::MAX,
        y0: f64::MAX,
        x1: f64::MIN,
        y1: f64::MIN,
    };

    fn add(&mut self, x: f64, y: f64) {
        self.x0 = self.x0.min(x);
        self.y0 = self.y0.min(y);
        self.x1 = self.x1.max(x);
        self.y1 = self.y1.max(y);
    }

    fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

/// Connected groups of nodes, biggest first, then by their first node; each in order.
fn components(n: usize, springs: &[(usize, usize, f64)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(a, b, _) in springs {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = vec![usize::MAX; n];
    for i in 0..n {
        let r = root(&mut parent, i);
        if group_of[r] == usize::MAX {
            group_of[r] = groups.len();
            groups.push(Vec::new());
        }
        groups[group_of[r]].push(i);
    }
    // Stable: equal sizes keep the order of their first node.
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    groups
}

/// Positions of one connected group around 0, wider than tall.
fn spring_layout(radii: &[f64], springs: &[(usize, usize, f64)], k: f64) -> Vec<(f64, f64)> {
    let n = radii.len();
    if n == 1 {
        return vec![(0.0, 0.0)];
    }
    // A sunflower spiral: the first nodes in the middle.
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let (s, c) = sin_cos(i as f64 * 2.399_963_229_728_653);
            let d = k * 0.6 * (i as f64 + 0.5).sqrt();
            (d * c * 1.4, d * s)
        })
        .collect();
    let max_weight = springs.iter().map(|s| s.2).fold(1.0, f64::max);
    let gravity = 0.6 / (n as f64).sqrt();
    let start = k * (n as f64).sqrt() * 0.4;
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for iteration in 0..ITERATIONS {
        let cooling = 1.0 - iteration as f64 / ITERATIONS as f64;
        let temperature = start * cooling * cooling + 0.3;
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let (mut dx, mut dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let mut dist2 = dx * dx + dy * dy;
                if dist2 < 1e-6 {
                    // Two nodes on one point: apart along a fixed direction.
                    dx = 0.1 * ((i % 7) as f64 - 3.0) + 0.05;
                    dy = 0.1 * ((j % 5) as f64 - 2.0) + 0.05;
                    dist2 = dx * dx + dy * dy;
                }
                let dist = dist2.sqrt();
                let mut force = k * k / dist;
                let room = radii[i] + radii[j] + 12.0;
                if dist < room {
                    force += (room - dist) * k / 8.0;
                }
                let (fx, fy) = (dx / dist * force, dy / dist * force);
                disp[i].0 += fx;
                disp[i].1 += fy;
                disp[j].0 -= fx;
                disp[j].1 -= fy;
            }
        }
        for &(a, b, weight) in springs {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let dist = (dx * dx + dy * dy).sqrt().max(0.01);
            let force = dist * dist / k * (0.35 + 0.65 * weight / max_weight);
            let (fx, fy) = (dx / dist * force, dy / dist * force);
            disp[a].0 -= fx;
            disp[a].1 -= fy;
            disp[b].0 += fx;
            disp[b].1 += fy;
        }
        for (p, d) in pos.iter_mut().zip(&mut disp) {
            // Towards the centre, harder vertically: the page is wide.
            d.0 -= p.0 * gravity;
            d.1 -= p.1 * gravity * 2.2;
            let length = (d.0 * d.0 + d.1 * d.1).sqrt();
            if length > 0.0 {
                let step = length.min(temperature);
                p.0 += d.0 / length * step;
                p.1 += d.1 / length * step;
            }
        }
    }
    pos
}

/// Sine and cosine from their series, after bringing the angle into [-π, π]: the same
/// digits on every platform (`f64::sin` may differ in the last bit).
fn sin_cos(angle: f64) -> (f64, f64) {
    const PI: f64 = std::f64::consts::PI;
    let turns = (angle / (2.0 * PI)).round();
    let x = angle - turns * 2.0 * PI;
    let (mut s, mut c) = (0.0, 0.0);
    let (mut term_s, mut term_c) = (x, 1.0);
    for k in 0..12 {
        s += term_s;
        c += term_c;
        let k = k as f64;
        term_s *= -x * x / ((2.0 * k + 2.0) * (2.0 * k + 3.0));
        term_c *= -x * x / ((2.0 * k + 1.0) * (2.0 * k + 2.0));
    }
    (s, c)
}

#[derive(Clone, Copy, Debug)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn meets_circle(&self, (cx, cy): (f64, f64), r: f64) -> bool {
        let nx = cx.clamp(self.x0, self.x1);
        let ny = cy.clamp(self.y0, self.y1);
        let (dx, dy) = (cx - nx, cy - ny);
        dx * dx + dy * dy < r * r
    }
}

/// Labels beside their circle (right, left, above, below, then the diagonals: the first
/// free spot), most important nodes first; a label with no free spot is left for hovering.
fn place_labels(
    sizes: &[NodeSize],
    positions: &[(f64, f64)],
    height: f64,
    labelled: usize,
) -> Vec<LabelSpot> {
    let mut taken: Vec<Rect> = Vec::new();
    let mut shown = 0;
    let mut labels = Vec::with_capacity(sizes.len());
    for (i, (&(x, y), s)) in positions.iter().zip(sizes).enumerate() {
        let (w, h, r) = (s.label_width, LABEL_HEIGHT, s.r);
        // (rect, text x, baseline y, anchor)
        let candidates = [
            (
                x + r + LABEL_GAP,
                y - h / 2.0,
                x + r + LABEL_GAP,
                y + 4.0,
                "start",
            ),
            (
                x - r - LABEL_GAP - w,
                y - h / 2.0,
                x - r - LABEL_GAP,
                y + 4.0,
                "end",
            ),
            (x - w / 2.0, y - r - 1.0 - h, x, y - r - 5.0, "middle"),
            (x - w / 2.0, y + r + 1.0, x, y + r + 12.0, "middle"),
            // Diagonals: past the circle's corner.
            (
                x + r * 0.7,
                y - r * 0.7 - h,
                x + r * 0.7,
                y - r * 0.7 - 4.0,
                "start",
            ),
            (
                x + r * 0.7,
                y + r * 0.7,
                x + r * 0.7,
                y + r * 0.7 + 11.0,
                "start",
            ),
            (
                x - r * 0.7 - w,
                y - r * 0.7 - h,
                x - r * 0.7,
                y - r * 0.7 - 4.0,
                "end",
            ),
            (
                x - r * 0.7 - w,
                y + r * 0.7,
                x - r * 0.7,
                y + r * 0.7 + 11.0,
                "end",
            ),
        ];
        let fits = |rect: &Rect| {
            rect.x0 >= 0.0
                && rect.x1 <= WIDTH
                && rect.y0 >= 0.0
                && rect.y1 <= height
                && !taken.iter().any(|t| t.overlaps(rect))
                && !positions
                    .iter()
                    .zip(sizes)
                    .enumerate()
                    .any(|(j, (&p, o))| j != i && rect.meets_circle(p, o.r + 1.0))
        };
        let chosen = if shown < labelled {
            candidates.iter().find(|c| {
                fits(&Rect {
                    x0: c.0,
                    y0: c.1,
                    x1: c.0 + w,
                    y1: c.1 + h,
                })
            })
        } else {
            None
        };
        let spot = match chosen {
            Some(&(x0, y0, tx, ty, anchor)) => {
                taken.push(Rect {
                    x0,
                    y0,
                    x1: x0 + w,
                    y1: y0 + h,
                });
                shown += 1;
                LabelSpot {
                    x: round(tx),
                    y: round(ty),
                    anchor,
                    shown: true,
                }
            }
            None => {
                // On hover: on the side with more room.
                let c = if x + r + w > WIDTH {
                    candidates[1]
                } else {
                    candidates[0]
                };
                LabelSpot {
                    x: round(c.2),
                    y: round(c.3),
                    anchor: c.4,
                    shown: false,
                }
            }
        };
        labels.push(spot);
    }
    labels
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(radii: &[f64]) -> Vec<NodeSize> {
        radii
            .iter()
            .map(|&r| NodeSize {
                r,
                label_width: 60.0,
            })
            .collect()
    }

    #[test]
    fn same_input_same_drawing_inside_the_box() {
        let s = sizes(&[10.0, 8.0, 6.0, 5.0, 4.0, 4.0]);
        let springs = vec![(0, 1, 3.0), (0, 2, 1.0), (1, 2, 2.0), (3, 4, 1.0)];
        let a = draw(&s, &springs, 30);
        assert_eq!(a, draw(&s, &springs, 30));
        let p = &a.positions;
        for (&(x, y), n) in p.iter().zip(&s) {
            assert!(x.is_finite() && y.is_finite());
            assert!(x - n.r >= 0.0 && x + n.r <= WIDTH, "{x}");
            assert!(y - n.r >= 0.0 && y + n.r <= a.height, "{y}");
        }
        let d = |i: usize, j: usize| ((p[i].0 - p[j].0).powi(2) + (p[i].1 - p[j].1).powi(2)).sqrt();
        // Joined nodes end up nearer each other than the lone one.
        assert!(d(0, 1) < d(0, 5), "{p:?}");
        assert!(d(3, 4) < d(3, 0), "{p:?}");
        // No two circles overlap.
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                assert!(d(i, j) > s[i].r + s[j].r, "{i} {j} {p:?}");
            }
        }
        // Shown labels overlap no circle and no other shown label.
        let rects: Vec<Rect> = a
            .labels
            .iter()
            .zip(&s)
            .filter(|(l, _)| l.shown)
            .map(|(l, n)| {
                let x0 = match l.anchor {
                    "start" => l.x,
                    "end" => l.x - n.label_width,
                    _ => l.x - n.label_width / 2.0,
                };
                // The text's box, a little inside the box the label was given.
                Rect {
                    x0: x0 + 1.0,
                    y0: l.y - 10.0,
                    x1: x0 + n.label_width - 1.0,
                    y1: l.y + 2.5,
                }
            })
            .collect();
        assert!(rects.len() >= 5, "{:?}", a.labels);
        for (i, r) in rects.iter().enumerate() {
            for o in &rects[i + 1..] {
                assert!(!r.overlaps(o), "{r:?} {o:?}");
            }
        }
    }

    #[test]
    fn a_clique_is_spread_out() {
        let s = sizes(&[12.0; 12]);
        let mut springs = Vec::new();
        for a in 0..12 {
            for b in a + 1..12 {
                springs.push((a, b, 1.0));
            }
        }
        let drawing = draw(&s, &springs, 30);
        let p = &drawing.positions;
        for i in 0..12 {
            for j in i + 1..12 {
                let d = ((p[i].0 - p[j].0).powi(2) + (p[i].1 - p[j].1).powi(2)).sqrt();
                assert!(d > 30.0, "{i} {j} {p:?}");
            }
        }
    }

    #[test]
    fn empty_single_and_lone_nodes() {
        let empty = draw(&[], &[], 30);
        assert!(empty.positions.is_empty() && empty.height >= MIN_HEIGHT);
        let one = draw(&sizes(&[5.0]), &[], 30);
        assert_eq!(one.positions.len(), 1);
        assert!(one.labels[0].shown);
        // Many names that never meet: rows of them, all inside the page.
        let many = draw(&sizes(&[6.0; 40]), &[], 30);
        for &(x, y) in &many.positions {
            assert!((0.0..=WIDTH).contains(&x) && (0.0..=many.height).contains(&y));
        }
    }

    #[test]
    fn series_match_the_library() {
        for i in 0..200 {
            let angle = i as f64 * 2.399_963_229_728_653;
            let (s, c) = sin_cos(angle);
            assert!((s - angle.sin()).abs() < 1e-9, "{angle}");
            assert!((c - angle.cos()).abs() < 1e-9, "{angle}");
        }
    }
}
