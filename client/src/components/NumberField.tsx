/** A labelled whole-number input that keeps its value within `min`…`max` (an empty field counts as `min`). */
export function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  testId: string;
}) {
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      <input
        className="field__input"
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        onChange={(event) =>
          props.onChange(
            Math.max(props.min, Math.min(props.max, Math.round(Number(event.target.value) || props.min))),
          )
        }
        data-testid={props.testId}
      />
    </label>
  );
}
