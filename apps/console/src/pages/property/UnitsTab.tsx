import type { Unit } from '@anju/contracts';
import { lazy, Suspense, useState } from 'react';
import { type Building, useBuildingUnits } from '../../api/property';
import { BuildingUnits } from './BuildingUnits';

// the drawer (warranty table, edit form) is fetched when a unit is opened
const UnitDrawer = lazy(async () => ({ default: (await import('./UnitDrawer')).UnitDrawer }));

/** The grid of the chosen building; a cell opens the unit (facts, warranty, edit form). */
export function UnitsTab({ buildings, productTypes }: { buildings: Building[]; productTypes: string[] }) {
  const [buildingId, setBuildingId] = useState<string>();
  const [open, setOpen] = useState<Unit | null>(null);
  // the drawer shows the latest copy from the grid's query, so after a save or a 409 it carries the new version
  const units = useBuildingUnits(open?.buildingId);
  const latest = open ? (units.data?.find((u) => u.id === open.id) ?? open) : null;
  return (
    <>
      <BuildingUnits
        buildings={buildings}
        buildingId={buildingId}
        onBuildingChange={setBuildingId}
        onUnitClick={setOpen}
      />
      <Suspense fallback={null}>
        {latest && (
          <UnitDrawer key={latest.id} unit={latest} productTypes={productTypes} onClose={() => setOpen(null)} />
        )}
      </Suspense>
    </>
  );
}
