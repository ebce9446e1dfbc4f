//! Minimum-cost maximum flow by successive shortest paths (Bellman-Ford, so that costs may be
//! negative), the assignment under capacities that `pair` needs: each augmentation follows the
//! cheapest path left, so the flow of every size is the cheapest of that size, and the last is
//! the cheapest maximum flow. Small graphs (mentees plus mentors) make the simple algorithm
//! enough; the order edges are added in decides between equal paths, so a run is deterministic.

#[derive(Debug, Clone)]
struct Edge {
    to: usize,
    cap: i64,
    cost: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Graph {
    edges: Vec<Edge>,
    out: Vec<Vec<usize>>,
}

impl Graph {
    pub fn new(nodes: usize) -> Graph {
        Graph {
            edges: Vec::new(),
            out: vec![Vec::new(); nodes],
        }
    }

    /// Adds an edge and its residual twin; returns the edge's id, for `flow`.
    pub fn add_edge(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> usize {
        let id = self.edges.len();
        self.edges.push(Edge { to, cap, cost });
        self.out[from].push(id);
        self.edges.push(Edge {
            to: from,
            cap: 0,
            cost: -cost,
        });
        self.out[to].push(id + 1);
        id
    }

    /// The flow through edge `id` (what its twin can send back).
    pub fn flow(&self, id: usize) -> i64 {
        self.edges[id + 1].cap
    }

    /// Sends as much flow as possible from `s` to `t` at the least cost; returns (flow, cost).
    /// The graph must have no cycle of negative cost to begin with.
    pub fn min_cost_max_flow(&mut self, s: usize, t: usize) -> (i64, i64) {
        let n = self.out.len();
        let (mut flow, mut cost) = (0, 0);
        loop {
            // Bellman-Ford over the residual graph, in rounds, each relaxing every edge.
            let mut dist = vec![i64::MAX; n];
            let mut via: Vec<Option<usize>> = vec![None; n];
            dist[s] = 0;
            for _ in 0..n {
                let mut changed = false;
                for u in 0..n {
                    if dist[u] == i64::MAX {
                        continue;
                    }
                    for &e in &self.out[u] {
                        let edge = &self.edges[e];
                        if edge.cap > 0 && dist[u] + edge.cost < dist[edge.to] {
                            dist[edge.to] = dist[u] + edge.cost;
                            via[edge.to] = Some(e);
                            changed = true;
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            if dist[t] == i64::MAX {
                return (flow, cost);
            }
            let mut push = i64::MAX;
            let mut v = t;
            while let Some(e) = via[v] {
                push = push.min(self.edges[e].cap);
                v = self.edges[e ^ 1].to;
            }
            let mut v = t;
            while let Some(e) = via[v] {
                self.edges[e].cap -= push;
                self.edges[e ^ 1].cap += push;
                v = self.edges[e ^ 1].to;
            }
            flow += push;
            cost += push * dist[t];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cheapest_of_the_maximum_flows() {
        // s=0, a=1, b=2, t=3: two units can go; the cheap edge a->t carries one.
        let mut g = Graph::new(4);
        g.add_edge(0, 1, 1, 0);
        g.add_edge(0, 2, 1, 0);
        let at = g.add_edge(1, 3, 1, -5);
        g.add_edge(2, 3, 1, -1);
        g.add_edge(1, 2, 1, 0);
        assert_eq!(g.min_cost_max_flow(0, 3), (2, -6));
        assert_eq!(g.flow(at), 1);
    }

    #[test]
    fn rerouting_through_a_residual_edge_frees_a_better_place() {
        // Mentee x fits mentors A (10) and B (9); y fits only A (8). One place each: the
        // first path gives A to x; the optimum moves x to B so that y gets A.
        let mut g = Graph::new(6);
        let (s, x, y, a, b, t) = (0, 1, 2, 3, 4, 5);
        g.add_edge(s, x, 1, 0);
        g.add_edge(s, y, 1, 0);
        g.add_edge(x, a, 1, -10);
        let xb = g.add_edge(x, b, 1, -9);
        let ya = g.add_edge(y, a, 1, -8);
        g.add_edge(a, t, 1, 0);
        g.add_edge(b, t, 1, 0);
        assert_eq!(g.min_cost_max_flow(s, t), (2, -17));
        assert_eq!((g.flow(xb), g.flow(ya)), (1, 1));
    }
}
