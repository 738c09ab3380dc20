/** One icon set, VS Code's codicons: `<Icon name="check" />`. Decorative: the control names itself. */
import '@vscode/codicons/dist/codicon.css';

export function Icon(props: { name: string; className?: string }): React.JSX.Element {
  return (
    <span
      className={`codicon codicon-${props.name}${props.className ? ` ${props.className}` : ''}`}
      aria-hidden="true"
    />
  );
}
