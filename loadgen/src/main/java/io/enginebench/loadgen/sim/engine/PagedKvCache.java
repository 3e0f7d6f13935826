package io.enginebench.loadgen.sim.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * vLLM-style paged KV cache: fixed-size blocks; a full prompt block is identified by a hash chained over all tokens
 * up to and including it, so equal hashes mean equal prefixes. Unreferenced cached blocks stay reusable until the
 * allocator needs them, then go least-recently-used first. As in vLLM, at least the last prompt token is always
 * recomputed, so a fully cached prompt of n tokens reports floor((n-1)/blockSize)*blockSize cached tokens.
 */
public final class PagedKvCache implements KvCache {
    private static final class Block {
        final long hash;
        int refCount;

        Block(long hash) { this.hash = hash; }
    }

    private static final class Allocation {
        final List<Block> shared = new ArrayList<>();
        long privateBlocks;

        long held() { return shared.size() + privateBlocks; }
    }

    private final long totalBlocks;
    private final int blockSize;
    private long freeBlocks;
    private final Map<Long, Block> byHash = new HashMap<>();
    /** Cached blocks nobody references, oldest release first. */
    private final LinkedHashMap<Long, Block> evictable = new LinkedHashMap<>();

    public PagedKvCache(long totalBlocks, int blockSize) {
        this.totalBlocks = totalBlocks;
        this.blockSize = blockSize;
        this.freeBlocks = totalBlocks;
    }

    @Override
    public int admit(SimRequest r, int[] tokens) {
        long[] hashes = blockHashes(tokens);
        int maxHitBlocks = (tokens.length - 1) / blockSize;
        List<Block> hits = new ArrayList<>();
        int evictableHits = 0;
        for (int i = 0; i < Math.min(maxHitBlocks, hashes.length); i++) {
            Block b = byHash.get(hashes[i]);
            if (b == null) break;
            hits.add(b);
            if (b.refCount == 0) evictableHits++;
        }
        long needed = blocksFor(tokens.length) - hits.size();
        if (needed > freeBlocks + evictable.size() - evictableHits) return -1;
        Allocation a = new Allocation();
        for (Block b : hits) {
            if (b.refCount++ == 0) evictable.remove(b.hash);
            a.shared.add(b);
        }
        take(needed);
        a.privateBlocks = needed;
        r.kv = a;
        return hits.size() * blockSize;
    }

    @Override
    public boolean grow(SimRequest r, int totalTokens) {
        Allocation a = (Allocation) r.kv;
        long needed = blocksFor(totalTokens) - a.held();
        if (needed <= 0) return true;
        if (needed > freeBlocks + evictable.size()) return false;
        take(needed);
        a.privateBlocks += needed;
        return true;
    }

    @Override
    public void commitPrompt(SimRequest r, int[] tokens) {
        Allocation a = (Allocation) r.kv;
        long[] hashes = blockHashes(tokens);
        for (int i = a.shared.size(); i < hashes.length; i++) {
            if (byHash.containsKey(hashes[i])) continue; // computed concurrently by another request: keep ours private
            Block b = new Block(hashes[i]);
            b.refCount = 1;
            byHash.put(b.hash, b);
            a.shared.add(b);
            a.privateBlocks--;
        }
    }

    @Override
    public void release(SimRequest r) {
        Allocation a = (Allocation) r.kv;
        if (a == null) return;
        for (Block b : a.shared) if (--b.refCount == 0) evictable.put(b.hash, b);
        freeBlocks += a.privateBlocks;
        r.kv = null;
    }

    @Override
    public double usage() {
        return (double) (totalBlocks - freeBlocks - evictable.size()) / totalBlocks;
    }

    @Override
    public long capacityTokens() { return totalBlocks * blockSize; }

    private void take(long blocks) {
        long fromFree = Math.min(blocks, freeBlocks);
        freeBlocks -= fromFree;
        Iterator<Block> lru = evictable.values().iterator();
        for (long i = fromFree; i < blocks; i++) {
            Block victim = lru.next();
            lru.remove();
            byHash.remove(victim.hash);
        }
    }

    private long blocksFor(int tokens) {
        return (tokens + blockSize - 1) / blockSize;
    }

    /** Chained hashes of the full blocks only (a partial last block is never shared). */
    private long[] blockHashes(int[] tokens) {
        long[] out = new long[tokens.length / blockSize];
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < out.length; i++) {
            for (int j = i * blockSize; j < (i + 1) * blockSize; j++) {
                h = (h ^ tokens[j]) * 0xff51afd7ed558ccdL;
                h ^= h >>> 33;
            }
            out[i] = h;
        }
        return out;
    }
}
