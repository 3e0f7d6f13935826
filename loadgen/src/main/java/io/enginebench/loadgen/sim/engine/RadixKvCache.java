package io.enginebench.loadgen.sim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * SGLang-style radix cache: memory is counted in tokens (page size 1) and prefixes are kept in a radix tree over
 * token ids, so a shared prefix is reused to the exact token, not to a block boundary. Running requests lock the
 * path they use; unlocked leaves are evicted least-recently-used first when memory is needed. At least the last
 * prompt token is always recomputed.
 */
public final class RadixKvCache implements KvCache {
    private static final class Node {
        int[] key;
        final Map<Integer, Node> children = new HashMap<>();
        Node parent;
        int lockRef;
        long lastAccess;

        Node(int[] key, Node parent) {
            this.key = key;
            this.parent = parent;
        }
    }

    private static final class Holding {
        Node locked;       // deepest locked node (root = nothing locked)
        int matched;       // tokens covered by the locked path
        long privateTokens; // tokens held outside the tree
    }

    private final long capacity;
    private final Node root = new Node(new int[0], null);
    private long treeTokens;
    private long evictableTokens;
    private long privateTokens;
    private long clock;

    public RadixKvCache(long capacityTokens) {
        this.capacity = capacityTokens;
        root.lockRef = 1;
    }

    @Override
    public int admit(SimRequest r, int[] tokens) {
        int limit = tokens.length - 1;
        Node node = root;
        int matched = 0;
        while (matched < limit) {
            Node child = node.children.get(tokens[matched]);
            if (child == null) break;
            int common = commonLength(child.key, tokens, matched, limit);
            if (common < child.key.length) child = split(child, common);
            node = child;
            matched += common;
            node.lastAccess = ++clock;
        }
        long needed = tokens.length - matched;
        long evictableOutsidePath = evictableTokens - unlockedOnPath(node);
        if (needed > free() + evictableOutsidePath) return -1;
        lock(node);
        evict(needed - free());
        Holding h = new Holding();
        h.locked = node;
        h.matched = matched;
        h.privateTokens = needed;
        privateTokens += needed;
        r.kv = h;
        return matched;
    }

    @Override
    public boolean grow(SimRequest r, int totalTokens) {
        Holding h = (Holding) r.kv;
        long needed = totalTokens - h.matched - h.privateTokens;
        if (needed <= 0) return true;
        if (needed > free() + evictableTokens) return false;
        evict(needed - free());
        h.privateTokens += needed;
        privateTokens += needed;
        return true;
    }

    @Override
    public void commitPrompt(SimRequest r, int[] tokens) {
        Holding h = (Holding) r.kv;
        Node node = root;
        int pos = 0;
        while (pos < tokens.length) {
            Node child = node.children.get(tokens[pos]);
            if (child == null) {
                Node leaf = new Node(Arrays.copyOfRange(tokens, pos, tokens.length), node);
                node.children.put(tokens[pos], leaf);
                treeTokens += leaf.key.length;
                evictableTokens += leaf.key.length; // unlocked until lock() below
                h.privateTokens -= leaf.key.length;
                privateTokens -= leaf.key.length;
                node = leaf;
                pos = tokens.length;
                break;
            }
            int common = commonLength(child.key, tokens, pos, tokens.length);
            if (common < child.key.length) child = split(child, common);
            node = child;
            pos += common;
        }
        node.lastAccess = ++clock;
        lock(node);
        unlock(h.locked);
        h.locked = node;
        h.matched = tokens.length;
    }

    @Override
    public void release(SimRequest r) {
        Holding h = (Holding) r.kv;
        if (h == null) return;
        unlock(h.locked);
        privateTokens -= h.privateTokens;
        r.kv = null;
    }

    @Override
    public double usage() {
        return (double) (treeTokens - evictableTokens + privateTokens) / capacity;
    }

    @Override
    public long capacityTokens() { return capacity; }

    private long free() { return capacity - treeTokens - privateTokens; }

    private static int commonLength(int[] key, int[] tokens, int from, int limit) {
        int n = 0;
        while (n < key.length && from + n < limit && key[n] == tokens[from + n]) n++;
        return n;
    }

    /** Cuts {@code child} after {@code at} tokens; returns the new upper part. Lock counts carry over to both. */
    private Node split(Node child, int at) {
        Node parent = child.parent;
        Node upper = new Node(Arrays.copyOfRange(child.key, 0, at), parent);
        upper.lockRef = child.lockRef;
        upper.lastAccess = child.lastAccess;
        parent.children.put(upper.key[0], upper);
        child.key = Arrays.copyOfRange(child.key, at, child.key.length);
        child.parent = upper;
        upper.children.put(child.key[0], child);
        return upper;
    }

    private long unlockedOnPath(Node node) {
        long n = 0;
        for (Node x = node; x != root; x = x.parent) if (x.lockRef == 0) n += x.key.length;
        return n;
    }

    private void lock(Node node) {
        for (Node x = node; x != root; x = x.parent) if (x.lockRef++ == 0) evictableTokens -= x.key.length;
    }

    private void unlock(Node node) {
        for (Node x = node; x != root; x = x.parent) if (--x.lockRef == 0) evictableTokens += x.key.length;
    }

    /** Evicts unlocked leaves, least recently used first, until {@code tokens} more are free. */
    private void evict(long tokens) {
        if (tokens <= 0) return;
        PriorityQueue<Node> leaves = new PriorityQueue<>((a, b) -> Long.compare(a.lastAccess, b.lastAccess));
        List<Node> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (n != root && n.children.isEmpty() && n.lockRef == 0) leaves.add(n);
            stack.addAll(n.children.values());
        }
        long freed = 0;
        while (freed < tokens && !leaves.isEmpty()) {
            Node victim = leaves.poll();
            Node parent = victim.parent;
            parent.children.remove(victim.key[0]);
            treeTokens -= victim.key.length;
            evictableTokens -= victim.key.length;
            freed += victim.key.length;
            if (parent != root && parent.children.isEmpty() && parent.lockRef == 0) leaves.add(parent);
        }
    }
}
