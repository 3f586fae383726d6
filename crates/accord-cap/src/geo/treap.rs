//! A treap keyed by comparisons supplied at insertion time: the sweep line's status.
//!
//! Nodes are segment ids `0..n`; removal and neighbour queries go by id through parent
//! links, so no comparison is needed after insertion (the sweep's order is only defined at
//! the moment a segment is inserted). Priorities are a fixed hash of the id: deterministic,
//! expected O(log n) depth.

const NIL: u32 = u32::MAX;

#[derive(Debug)]
pub(crate) struct Treap {
    root: u32,
    left: Vec<u32>,
    right: Vec<u32>,
    parent: Vec<u32>,
    prio: Vec<u64>,
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl Treap {
    pub(crate) fn new(n: usize) -> Self {
        Self {
            root: NIL,
            left: vec![NIL; n],
            right: vec![NIL; n],
            parent: vec![NIL; n],
            prio: (0..n as u64).map(splitmix).collect(),
        }
    }

    /// Inserts `id`; `goes_before(other)` says whether `id` sorts before `other`.
    pub(crate) fn insert(&mut self, id: u32, mut goes_before: impl FnMut(u32) -> bool) {
        let i = id as usize;
        self.left[i] = NIL;
        self.right[i] = NIL;
        if self.root == NIL {
            self.root = id;
            self.parent[i] = NIL;
            return;
        }
        let mut cur = self.root;
        loop {
            let c = cur as usize;
            let side = if goes_before(cur) {
                &mut self.left
            } else {
                &mut self.right
            };
            if side[c] == NIL {
                side[c] = id;
                self.parent[i] = cur;
                break;
            }
            cur = side[c];
        }
        while self.parent[i] != NIL && self.prio[i] > self.prio[self.parent[i] as usize] {
            self.rotate_up(id);
        }
    }

    /// Removes `id`, which must be in the treap.
    pub(crate) fn remove(&mut self, id: u32) {
        let i = id as usize;
        loop {
            let (l, r) = (self.left[i], self.right[i]);
            let child = match (l, r) {
                (NIL, NIL) => break,
                (NIL, c) | (c, NIL) => c,
                (l, r) if self.prio[l as usize] > self.prio[r as usize] => l,
                (_, r) => r,
            };
            self.rotate_up(child);
        }
        let p = self.parent[i];
        if p == NIL {
            self.root = NIL;
        } else if self.left[p as usize] == id {
            self.left[p as usize] = NIL;
        } else {
            self.right[p as usize] = NIL;
        }
        self.parent[i] = NIL;
    }

    /// The in-order successor of `id`.
    pub(crate) fn next(&self, id: u32) -> Option<u32> {
        self.step(id, &self.right, &self.left)
    }

    /// The in-order predecessor of `id`.
    pub(crate) fn prev(&self, id: u32) -> Option<u32> {
        self.step(id, &self.left, &self.right)
    }

    fn step(&self, id: u32, toward: &[u32], back: &[u32]) -> Option<u32> {
        let mut cur = id;
        if toward[cur as usize] != NIL {
            cur = toward[cur as usize];
            while back[cur as usize] != NIL {
                cur = back[cur as usize];
            }
            return Some(cur);
        }
        loop {
            let p = self.parent[cur as usize];
            if p == NIL {
                return None;
            }
            if back[p as usize] == cur {
                return Some(p);
            }
            cur = p;
        }
    }

    fn rotate_up(&mut self, x: u32) {
        let xi = x as usize;
        let p = self.parent[xi];
        let pi = p as usize;
        let g = self.parent[pi];
        if self.left[pi] == x {
            let b = self.right[xi];
            self.left[pi] = b;
            if b != NIL {
                self.parent[b as usize] = p;
            }
            self.right[xi] = p;
        } else {
            let b = self.left[xi];
            self.right[pi] = b;
            if b != NIL {
                self.parent[b as usize] = p;
            }
            self.left[xi] = p;
        }
        self.parent[pi] = x;
        self.parent[xi] = g;
        if g == NIL {
            self.root = x;
        } else if self.left[g as usize] == p {
            self.left[g as usize] = x;
        } else {
            self.right[g as usize] = x;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_through_inserts_and_removals() {
        let keys: Vec<u32> = (0..200).map(|i| (i * 7919) % 200).collect();
        let mut t = Treap::new(200);
        for &k in &keys {
            t.insert(k, |other| k < other);
        }
        for k in (0..200).step_by(3) {
            t.remove(k);
        }
        let kept: Vec<u32> = (0..200).filter(|k| k % 3 != 0).collect();
        for w in kept.windows(2) {
            assert_eq!(t.next(w[0]), Some(w[1]));
            assert_eq!(t.prev(w[1]), Some(w[0]));
        }
        assert_eq!(t.prev(kept[0]), None);
        assert_eq!(t.next(*kept.last().unwrap()), None);
    }
}
