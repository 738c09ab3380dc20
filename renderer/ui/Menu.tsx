/** A dropdown menu (Radix DropdownMenu) opened from `trigger`; items run `onSelect`. */
import { DropdownMenu } from 'radix-ui';
import type { ReactElement } from 'react';
import { Icon } from './Icon';
import './ui.css';

export interface MenuItem {
  label: string;
  icon?: string;
  danger?: boolean;
  disabled?: boolean;
  onSelect: () => void;
}

export function Menu(props: {
  trigger: ReactElement;
  items: MenuItem[];
  align?: 'start' | 'center' | 'end';
  /** The menu's accessible name. */
  label?: string;
}): React.JSX.Element {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>{props.trigger}</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className="ui-menu"
          align={props.align ?? 'end'}
          sideOffset={4}
          {...(props.label ? { 'aria-label': props.label } : {})}
        >
          {props.items.map((item) => (
            <DropdownMenu.Item
              key={item.label}
              className={`ui-menu-item${item.danger ? ' danger' : ''}`}
              disabled={item.disabled ?? false}
              onSelect={item.onSelect}
            >
              {item.icon ? <Icon name={item.icon} /> : <span className="ui-menu-icon-space" />}
              {item.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
