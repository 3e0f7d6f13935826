package io.enginebench.pipeline.report;

import io.enginebench.pipeline.warehouse.WarehouseTable;

import java.util.List;

/**
 * One section of the report. It names the warehouse tables it reads (the report prefetches them) and renders its
 * blocks, its level-2 heading first, with the kit every section shares. A new section is a class implementing this
 * and a line in the registry, {@code report.section.ReportSections}.
 */
public interface ReportSection {

    /** The tables {@link #blocks} reads through {@link SectionKit#table(WarehouseTable)}. */
    List<WarehouseTable> tables();

    List<Block> blocks(SectionKit kit);
}
