import type { Dtype } from '../../core/types';
import { Field } from './Field';

/** The dtype picker of the model panel and the Models view's "Add a model" form: only the dtypes given. */
export function DtypeSelect(props: {
  label: string;
  value: Dtype;
  dtypes: readonly Dtype[];
  onChange(dtype: Dtype): void;
}) {
  const { label, value, dtypes, onChange } = props;
  return (
    <Field label={label}>
      <select value={value} onChange={(e) => onChange(e.target.value as Dtype)}>
        {dtypes.map((d) => (
          <option key={d}>{d}</option>
        ))}
      </select>
    </Field>
  );
}
