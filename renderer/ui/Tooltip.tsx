/** A tooltip on hover and keyboard focus (Radix Tooltip); the provider is mounted once in App. */
import { Tooltip as RadixTooltip } from 'radix-ui';
import type { ReactElement, ReactNode } from 'react';
import './ui.css';

export function TooltipProvider(props: { children: ReactNode }): React.JSX.Element {
  return (
    <RadixTooltip.Provider delayDuration={400} skipDelayDuration={200}>
      {props.children}
    </RadixTooltip.Provider>
  );
}

export function Tooltip(props: {
  content: ReactNode;
  children: ReactElement;
  side?: 'top' | 'right' | 'bottom' | 'left';
}): React.JSX.Element {
  return (
    <RadixTooltip.Root>
      <RadixTooltip.Trigger asChild>{props.children}</RadixTooltip.Trigger>
      <RadixTooltip.Portal>
        <RadixTooltip.Content className="ui-tooltip" side={props.side ?? 'bottom'} sideOffset={6}>
          {props.content}
        </RadixTooltip.Content>
      </RadixTooltip.Portal>
    </RadixTooltip.Root>
  );
}
