package io.enginebench.loadgen.scenario;

/** Inter-arrival distribution of an open-loop load. */
public enum ArrivalKind { CONSTANT, POISSON, GAMMA }
