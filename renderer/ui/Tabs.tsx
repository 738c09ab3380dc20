/** Tabs (Radix Tabs): a labelled tab list and one panel per tab. */
import { Tabs as RadixTabs } from 'radix-ui';
import type { ReactNode } from 'react';
import './ui.css';

export interface TabSpec {
  value: string;
  label: ReactNode;
  content: ReactNode;
}

export function Tabs(props: {
  label: string;
  tabs: TabSpec[];
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
  className?: string;
}): React.JSX.Element {
  return (
    <RadixTabs.Root
      className={`ui-tabs${props.className ? ` ${props.className}` : ''}`}
      {...(props.value !== undefined ? { value: props.value } : {})}
      defaultValue={props.defaultValue ?? props.tabs[0]?.value ?? ''}
      {...(props.onValueChange ? { onValueChange: props.onValueChange } : {})}
    >
      <RadixTabs.List className="ui-tabs-list" aria-label={props.label}>
        {props.tabs.map((t) => (
          <RadixTabs.Trigger key={t.value} value={t.value} className="ui-tab">
            {t.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {props.tabs.map((t) => (
        <RadixTabs.Content key={t.value} value={t.value} className="ui-tab-panel">
          {t.content}
        </RadixTabs.Content>
      ))}
    </RadixTabs.Root>
  );
}
