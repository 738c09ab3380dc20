/** The theme choice (Settings): follow the system, or always light or dark. */
import { ToggleGroup } from 'radix-ui';
import { setThemeChoice, type ThemeChoice } from './theme';
import { useThemeChoice } from './use-theme';
import { Icon } from '../ui/Icon';
import './theme-control.css';

const CHOICES: Array<{ value: ThemeChoice; label: string; icon: string }> = [
  { value: 'system', label: 'System', icon: 'device-desktop' },
  { value: 'light', label: 'Light', icon: 'circle-large' },
  { value: 'dark', label: 'Dark', icon: 'circle-large-filled' },
];

export function ThemeControl(): React.JSX.Element {
  const choice = useThemeChoice();
  return (
    <div className="theme-control">
      <span id="theme-label">Theme</span>
      <ToggleGroup.Root
        type="single"
        className="theme-options"
        aria-labelledby="theme-label"
        value={choice}
        onValueChange={(v) => {
          if (v === 'system' || v === 'light' || v === 'dark') setThemeChoice(v);
        }}
      >
        {CHOICES.map((c) => (
          <ToggleGroup.Item key={c.value} value={c.value} className="theme-option">
            <Icon name={c.icon} /> {c.label}
          </ToggleGroup.Item>
        ))}
      </ToggleGroup.Root>
    </div>
  );
}
